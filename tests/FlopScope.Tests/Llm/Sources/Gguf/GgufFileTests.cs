using FlopScope.Errors;
using FlopScope.Llm;
using FlopScope.Llm.Quantization;
using FlopScope.Llm.Sources;
using FlopScope.Llm.Sources.Gguf;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Sources.Gguf;

public sealed class GgufFileTests
{
    // ggml type ids (enum ggml_type in ggml.h).
    private const int F32 = 0, F16 = 1, Q4_0 = 2, Q8_0 = 8, Q4_K = 12, Q5_K = 13, Q6_K = 14, IQ2_XXS = 16, BF16 = 30;

    /// <summary>A two-layer Llama (hidden 256, 4 heads / 2 KV heads of 64, MLP 512, vocab 32) whose tensors use nine
    /// different types; byte sizes by hand from the block structs of ggml-common.h.</summary>
    private static GgufTestWriter TinyLlama()
    {
        var w = new GgufTestWriter()
            .String("general.architecture", "llama")
            .String("general.name", "tiny")
            .Uint32("llama.block_count", 2)
            .Uint32("llama.context_length", 2048)
            .Uint32("llama.embedding_length", 256)
            .Uint32("llama.feed_forward_length", 512)
            .Uint32("llama.attention.head_count", 4)
            .Uint32("llama.attention.head_count_kv", 2)
            .Float32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .String("tokenizer.ggml.model", "llama")
            .Strings("tokenizer.ggml.tokens", Enumerable.Range(0, 32).Select(i => $"tok{i}"))
            // 32 rows of one 256-block: 32 x 144 (Q4_K: d, dmin 4 + scales 12 + quants 128).
            .Tensor("token_embd.weight", Q4_K, 32 * 144, 256, 32);
        for (var i = 0; i < 2; i++)
        {
            w.Tensor($"blk.{i}.attn_norm.weight", F32, 256 * 4, 256)
                .Tensor($"blk.{i}.attn_q.weight", Q4_0, 65536 / 32 * 18, 256, 256) // Q4_0: fp16 d + 16 bytes per 32
                .Tensor($"blk.{i}.attn_k.weight", Q8_0, 32768 / 32 * 34, 256, 128) // Q8_0: fp16 d + 32 bytes per 32
                .Tensor($"blk.{i}.attn_v.weight", Q6_K, 32768 / 256 * 210, 256, 128) // Q6_K: 128 + 64 + 16 + 2 per 256
                .Tensor($"blk.{i}.attn_output.weight", IQ2_XXS, 65536 / 256 * 66, 256, 256) // IQ2_XXS: fp16 d + 32 uint16 per 256
                .Tensor($"blk.{i}.ffn_norm.weight", F32, 256 * 4, 256)
                .Tensor($"blk.{i}.ffn_gate.weight", Q5_K, 131072 / 256 * 176, 256, 512) // Q5_K: 4 + 12 + 32 + 128 per 256
                .Tensor($"blk.{i}.ffn_up.weight", F16, 131072 * 2, 256, 512)
                .Tensor($"blk.{i}.ffn_down.weight", BF16, 131072 * 2, 512, 256);
        }

        return w.Tensor("output_norm.weight", F32, 256 * 4, 256).Tensor("output.weight", Q6_K, 8192 / 256 * 210, 256, 32);
    }

    [Fact]
    public void TensorTableGivesExactParametersAndBytesForEveryType()
    {
        using var folder = new TempFolder();
        var path = folder.Write("tiny.gguf", TinyLlama().ToArray());
        var file = GgufFile.Read(path);
        Assert.Equal(21, file.Tensors.Count);
        Assert.Equal(32L, file.ArrayLengths["tokenizer.ggml.tokens"]);

        var model = LlmSource.Load(path, quant: null);
        // 8,192 + 2 x (256 + 65,536 + 32,768 + 32,768 + 65,536 + 256 + 3 x 131,072) + 256 + 8,192.
        Assert.Equal(1_197_312L, model.Weights.Parameters);
        // 4,608 + 2 x (1,024 + 36,864 + 34,816 + 26,880 + 16,896 + 1,024 + 90,112 + 262,144 + 262,144) + 1,024 + 6,720.
        Assert.Equal(1_476_160L, model.Weights.Bytes);
        Assert.Equal(2L * 36_864, model.Weights.BytesByFormat["q4_0"]);
        Assert.Equal(2L * 26_880 + 6_720, model.Weights.BytesByFormat["q6_k"]);
        Assert.Equal(2L * 16_896, model.Weights.BytesByFormat["iq2_xxs"]);
        Assert.Equal(4_608L, model.Weights.LookupBytes); // untied embedding: read a row per token

        var a = model.Architecture;
        Assert.Equal((2, 256L, 4, 2, 64L, 512L, 32L), (a.Layers, a.Hidden, a.Heads, a.KvHeads, a.HeadDim, a.Intermediate, a.Vocab));
        Assert.False(a.TiedEmbeddings);
        // The architecture the metadata implies has exactly the table's parameters.
        Assert.Equal(model.Weights.Parameters, model.Parameters.Total);
        Assert.DoesNotContain(model.Notes, n => n.Contains("difference", StringComparison.Ordinal));
    }

    [Fact]
    public void BlockSizesFollowTheGgmlBlockStructs()
    {
        // (elements, bytes) per block from ggml-common.h: e.g. block_q3_K = hmask 32 + qs 64 + scales 12 + d 2.
        var expected = new Dictionary<string, (int, int)>
        {
            ["q4_0"] = (32, 2 + 16), ["q4_1"] = (32, 4 + 16), ["q5_0"] = (32, 2 + 4 + 16), ["q5_1"] = (32, 4 + 4 + 16),
            ["q8_0"] = (32, 2 + 32), ["q2_k"] = (256, 16 + 64 + 4), ["q3_k"] = (256, 32 + 64 + 12 + 2), ["q4_k"] = (256, 4 + 12 + 128),
            ["q5_k"] = (256, 4 + 12 + 32 + 128), ["q6_k"] = (256, 128 + 64 + 16 + 2), ["q8_k"] = (256, 4 + 256 + 32),
            ["iq2_xxs"] = (256, 2 + 64), ["iq2_xs"] = (256, 2 + 64 + 8), ["iq2_s"] = (256, 2 + 64 + 8 + 8), ["iq3_xxs"] = (256, 2 + 96),
            ["iq3_s"] = (256, 2 + 64 + 8 + 32 + 4), ["iq1_s"] = (256, 2 + 32 + 16), ["iq1_m"] = (256, 32 + 16 + 8), ["iq4_nl"] = (32, 2 + 16),
            ["iq4_xs"] = (256, 2 + 2 + 4 + 128), ["tq1_0"] = (256, 48 + 4 + 2), ["tq2_0"] = (256, 64 + 2), ["mxfp4"] = (32, 1 + 16),
        };
        foreach (var (name, (elements, bytes)) in expected)
        {
            var f = GgmlTypes.FromName(name)!;
            Assert.Equal((name, elements, bytes), (f.Name, f.BlockElements, f.BlockBytes));
        }

        Assert.Equal(4.5, GgmlTypes.FromName("q4_0")!.BitsPerElement);
        Assert.Equal(6.5625, GgmlTypes.FromName("q6_k")!.BitsPerElement);
    }

    [Fact]
    public void TiedOutputIsDetectedFromAMissingOutputTensor()
    {
        var w = new GgufTestWriter().String("general.architecture", "qwen2").Uint32("qwen2.block_count", 1).Uint32("qwen2.embedding_length", 64)
            .Uint32("qwen2.feed_forward_length", 128).Uint32("qwen2.attention.head_count", 2).Uint32("qwen2.attention.head_count_kv", 1)
            .Tensor("token_embd.weight", Q8_0, 100 * 2 * 34, 64, 100)
            .Tensor("blk.0.attn_norm.weight", F32, 256, 64).Tensor("blk.0.ffn_norm.weight", F32, 256, 64)
            .Tensor("blk.0.attn_q.weight", F16, 64 * 64 * 2, 64, 64).Tensor("blk.0.attn_q.bias", F32, 256, 64)
            .Tensor("blk.0.attn_k.weight", F16, 64 * 32 * 2, 64, 32).Tensor("blk.0.attn_k.bias", F32, 128, 32)
            .Tensor("blk.0.attn_v.weight", F16, 64 * 32 * 2, 64, 32).Tensor("blk.0.attn_v.bias", F32, 128, 32)
            .Tensor("blk.0.attn_output.weight", F16, 64 * 64 * 2, 64, 64)
            .Tensor("blk.0.ffn_gate.weight", F16, 64 * 128 * 2, 64, 128).Tensor("blk.0.ffn_up.weight", F16, 64 * 128 * 2, 64, 128)
            .Tensor("blk.0.ffn_down.weight", F16, 64 * 128 * 2, 128, 64).Tensor("output_norm.weight", F32, 256, 64);
        using var folder = new TempFolder();
        var model = LlmSource.Load(folder.Write("q.gguf", w.ToArray()), quant: null);
        Assert.True(model.Architecture.TiedEmbeddings && model.Architecture.QkvBias && !model.Architecture.OutputBias);
        Assert.Equal(model.Weights.Parameters, model.Parameters.Total);
        Assert.Equal(0L, model.Weights.LookupBytes); // tied: the table is read in full as the output projection
    }

    [Theory]
    [InlineData("magic")]
    [InlineData("version")]
    [InlineData("tensor-count")]
    [InlineData("string-length")]
    [InlineData("type")]
    [InlineData("past-end")]
    [InlineData("truncated")]
    [InlineData("dims-overflow")]
    public void HostileHeadersFailWithOneLine(string damage)
    {
        var bytes = TinyLlama().ToArray();
        var tableStart = IndexOf(bytes, "token_embd.weight"u8.ToArray()) - 8;
        switch (damage)
        {
            case "magic":
                bytes[0] = (byte)'X';
                break;
            case "version":
                BitConverter.GetBytes(7u).CopyTo(bytes, 4);
                break;
            case "tensor-count":
                BitConverter.GetBytes(ulong.MaxValue).CopyTo(bytes, 8);
                break;
            case "string-length":
                // The first key's length: claims more bytes than the file has.
                BitConverter.GetBytes(1UL << 50).CopyTo(bytes, 24);
                break;
            case "type":
                // token_embd's type id, after name, rank and two dims.
                BitConverter.GetBytes(99u).CopyTo(bytes, tableStart + 8 + 17 + 4 + 16);
                break;
            case "past-end":
                // token_embd's offset: far past the end of the data.
                BitConverter.GetBytes(1UL << 40).CopyTo(bytes, tableStart + 8 + 17 + 4 + 16 + 4);
                break;
            case "truncated":
                bytes = bytes[..(tableStart + 20)];
                break;
            case "dims-overflow":
                BitConverter.GetBytes(1UL << 62).CopyTo(bytes, tableStart + 8 + 17 + 4);
                BitConverter.GetBytes(1UL << 62).CopyTo(bytes, tableStart + 8 + 17 + 4 + 8);
                break;
        }

        using var folder = new TempFolder();
        var path = folder.Write("bad.gguf", bytes);
        var e = Assert.Throws<FlopScopeException>(() => damage == "magic" ? GgufFile.Read(path) : LlmSource.Load(path, null));
        Assert.DoesNotContain('\n', e.Message);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
