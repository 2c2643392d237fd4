using FlopScope.Hardware;
using FlopScope.Llm;
using FlopScope.Llm.KvCache;
using FlopScope.Llm.Phases;
using FlopScope.Llm.Quantization;

namespace FlopScope.Tests.Llm.KvCache;

public sealed class KvCacheTests
{
    [Fact]
    public void GroupedQueryAttentionCachesOnlyItsKvHeads()
    {
        // Llama-3-8B: 32 layers x 8 KV heads x 128 x 2 (K and V) x 2 bytes = 131,072 bytes (128 KiB) per token.
        var llama3 = LlmFixtures.Architecture("llama-3-8b");
        Assert.Equal(131_072, KvCacheSize.BytesPerToken(llama3, StorageFormat.F16));
        Assert.Equal(131_072.0 * 8192, KvCacheSize.Bytes(llama3, StorageFormat.F16, 8192));
        // Llama-2-7B has 32 KV heads: 4x more; Falcon-7B multi-query: 32 x 1 x 64 x 2 x 2 = 8,192.
        Assert.Equal(524_288, KvCacheSize.BytesPerToken(LlmFixtures.Architecture("llama-2-7b"), StorageFormat.F16));
        Assert.Equal(8_192, KvCacheSize.BytesPerToken(LlmFixtures.Architecture("falcon-7b"), StorageFormat.F16));
    }

    [Fact]
    public void CachePrecisionScalesTheBytes()
    {
        var llama3 = LlmFixtures.Architecture("llama-3-8b");
        Assert.Equal(65_536, KvCacheSize.BytesPerToken(llama3, KvPrecision.Parse("fp8")));
        Assert.Equal(65_536, KvCacheSize.BytesPerToken(llama3, KvPrecision.Parse("int8")));
        // q4_0 blocks: 18 bytes per 32 elements.
        Assert.Equal(65_536 * 18 / 32.0, KvCacheSize.BytesPerToken(llama3, KvPrecision.Parse("q4")));
        Assert.Throws<FlopScope.Errors.FlopScopeException>(() => KvPrecision.Parse("fp7"));
    }

    [Fact]
    public void SlidingWindowCapsTheCache()
    {
        // Mistral-7B-v0.1: sliding_window 4096 on every layer; 32 x 8 x 128 x 2 x 2 = 131,072 bytes per token.
        var mistral = LlmFixtures.Architecture("mistral-7b-v0.1");
        Assert.Equal(131_072.0 * 4096, KvCacheSize.Bytes(mistral, StorageFormat.F16, 32_768));
        Assert.Equal(131_072.0 * 1000, KvCacheSize.Bytes(mistral, StorageFormat.F16, 1000));
        // Batch scales the cache.
        Assert.Equal(4 * 131_072.0 * 1000, KvCacheSize.Bytes(mistral, StorageFormat.F16, 1000, batch: 4));
    }

    [Fact]
    public void LatentAttentionCachesTheCompressedLatent()
    {
        // DeepSeek-V3: 61 layers x (kv_lora_rank 512 + qk_rope_head_dim 64) x 2 bytes = 70,272 bytes per token.
        Assert.Equal(70_272, KvCacheSize.BytesPerToken(LlmFixtures.Architecture("deepseek-v3"), StorageFormat.F16));
    }

    [Fact]
    public void MaxContextIsTheLongestThatFits()
    {
        var model = LlmModel.FromArchitecture("llama-3-8b", "config.json", LlmFixtures.Architecture("llama-3-8b"), QuantScheme.Parse("q4_k_m"));
        var device = new DeviceProfile { Id = "box", Name = "box", PeakTflops = new Dictionary<string, double> { ["fp16"] = 100 }, MemoryBandwidthGBs = 1000, MemoryGB = 8 };
        var fit = MemoryFit.Of(model, device, new LlmRunOptions(), 4096, 512);
        var free = 8e9 - fit.WeightBytes - fit.WorkspaceBytes;
        Assert.Equal((long)Math.Floor(free / 131_072), fit.MaxContext);
        Assert.True(fit.Fits);
        Assert.False(MemoryFit.Of(model, device, new LlmRunOptions(), fit.MaxContext!.Value + 1, 512).Fits);
        Assert.True(MemoryFit.Of(model, device, new LlmRunOptions(), fit.MaxContext!.Value, 512).Fits);
    }
}
