using System.Text;
using FlopScope.Errors;
using FlopScope.Llm.Quantization;
using FlopScope.Llm.Sources;
using FlopScope.Llm.Sources.Safetensors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Sources.Safetensors;

public sealed class SafetensorsHeaderTests
{
    /// <summary>A safetensors file: 8-byte little-endian header length, the JSON header, zero-filled data.</summary>
    internal static byte[] File(params (string Name, string Dtype, long[] Shape, int Bits)[] tensors)
    {
        var entries = new List<string> { "\"__metadata__\":{\"format\":\"pt\"}" };
        long offset = 0;
        foreach (var (name, dtype, shape, bits) in tensors)
        {
            var bytes = (shape.Aggregate(1L, (a, b) => a * b) * bits + 7) / 8;
            entries.Add($"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(',', shape)}],\"data_offsets\":[{offset},{offset + bytes}]}}");
            offset += bytes;
        }

        var header = Encoding.UTF8.GetBytes("{" + string.Join(',', entries) + "}");
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[offset]];
    }

    /// <summary>The GPT-2 small layout (openai-community/gpt2 config) as two shards named by an index: headers only.</summary>
    [Fact]
    public void ShardedHeadersGiveExactCountsAndAgreeWithTheConfig()
    {
        using var folder = new TempFolder();
        System.IO.File.Copy(LlmFixtures.Config("gpt2"), folder.File("config.json"));
        var first = new List<(string, string, long[], int)> { ("wte.weight", "F32", [50257, 768], 32), ("wpe.weight", "F32", [1024, 768], 32), ("ln_f.weight", "F32", [768], 32), ("ln_f.bias", "F32", [768], 32) };
        var second = new List<(string, string, long[], int)>();
        for (var i = 0; i < 12; i++)
        {
            var list = i < 6 ? first : second;
            foreach (var (n, shape) in new (string, long[])[]
            {
                ("ln_1.weight", [768]), ("ln_1.bias", [768]), ("attn.c_attn.weight", [768, 2304]), ("attn.c_attn.bias", [2304]),
                ("attn.c_proj.weight", [768, 768]), ("attn.c_proj.bias", [768]), ("ln_2.weight", [768]), ("ln_2.bias", [768]),
                ("mlp.c_fc.weight", [768, 3072]), ("mlp.c_fc.bias", [3072]), ("mlp.c_proj.weight", [3072, 768]), ("mlp.c_proj.bias", [768]),
            })
            {
                list.Add(($"h.{i}.{n}", "F32", shape, 32));
            }
        }

        folder.Write("model-00001-of-00002.safetensors", File([.. first]));
        folder.Write("model-00002-of-00002.safetensors", File([.. second]));
        var map = string.Join(',', first.Select(t => $"\"{t.Item1}\":\"model-00001-of-00002.safetensors\"").Concat(second.Select(t => $"\"{t.Item1}\":\"model-00002-of-00002.safetensors\"")));
        folder.Write("model.safetensors.index.json", Encoding.UTF8.GetBytes("{\"metadata\":{},\"weight_map\":{" + map + "}}"));

        var model = LlmSource.Load(folder.Path, quant: null);
        Assert.Equal(124_439_808L, model.Weights.Parameters);
        Assert.Equal(4 * 124_439_808L, model.Weights.Bytes);
        Assert.Contains(model.Notes, n => n.Contains("agree: 124,439,808 parameters", StringComparison.Ordinal));
        // The position table is a lookup; the tied token embedding is read in full as the output projection.
        Assert.Equal(1024L * 768 * 4, model.Weights.LookupBytes);

        // --quant overrides the stored types: GPT-2 at fp16 is half the bytes.
        Assert.Equal(2 * 124_439_808L, LlmSource.Load(folder.Path, QuantScheme.Parse("f16")).Weights.Bytes);
    }

    [Fact]
    public void ATiedEmbeddingSavedTwiceIsNamedAsTheDifference()
    {
        using var folder = new TempFolder();
        System.IO.File.Copy(LlmFixtures.Config("qwen2.5-0.5b"), folder.File("config.json"));
        folder.Write("model.safetensors", File(("model.embed_tokens.weight", "BF16", [151936, 896], 16), ("lm_head.weight", "BF16", [151936, 896], 16)));
        var model = LlmSource.Load(folder.Path, quant: null);
        Assert.Contains(model.Notes, n => n.Contains("lm_head.weight (136,134,656) is saved although the embedding is tied", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("length")]
    [InlineData("offsets")]
    [InlineData("dtype")]
    [InlineData("json")]
    [InlineData("shard")]
    public void HostileHeadersFailWithOneLine(string damage)
    {
        using var folder = new TempFolder();
        System.IO.File.Copy(LlmFixtures.Config("gpt2"), folder.File("config.json"));
        var bytes = File(("wte.weight", "F16", [4, 4], 16));
        var text = Encoding.UTF8.GetString(bytes);
        switch (damage)
        {
            case "length":
                BitConverter.GetBytes(1UL << 40).CopyTo(bytes, 0);
                break;
            case "offsets":
                bytes = Encoding.UTF8.GetBytes(text.Replace("[0,32]", "[0,64]", StringComparison.Ordinal));
                break;
            case "dtype":
                bytes = Encoding.UTF8.GetBytes(text.Replace("F16", "Q99", StringComparison.Ordinal));
                break;
            case "json":
                bytes = Encoding.UTF8.GetBytes(text.Replace("{\"__", "[\"__", StringComparison.Ordinal));
                break;
            case "shard":
                folder.Write("model.safetensors.index.json", Encoding.UTF8.GetBytes("{\"weight_map\":{\"a\":\"../../etc/passwd\"}}"));
                break;
        }

        folder.Write("model.safetensors", bytes);
        var e = Assert.Throws<FlopScopeException>(() => LlmSource.Load(folder.Path, null));
        Assert.DoesNotContain('\n', e.Message);
    }
}
