using System.Text;
using FlopScope.Llm;
using FlopScope.Llm.Sources.HuggingFace;
using FlopScope.Onnx;
using FlopScope.Onnx.Llm;
using FlopScope.Profiling;

namespace FlopScope.Tests.Llm.Sources.Onnx;

/// <summary>
/// The same small Llama as a config.json and as an ONNX graph: the MACs FlopScope counts in the graph (default
/// convention: every MatMul, attention included) equal the MACs the config implies, exactly, for prefill and for
/// decode with a bound KV cache; parameters agree too (untied, so nothing is stored twice).
/// </summary>
public sealed class ConfigVersusOnnxTests
{
    private const string Config = """
        {"model_type":"llama","hidden_size":256,"num_hidden_layers":3,"num_attention_heads":8,"num_key_value_heads":2,
         "intermediate_size":688,"vocab_size":1000,"tie_word_embeddings":false,"max_position_embeddings":2048,"torch_dtype":"float32"}
        """;

    private static readonly LlmArchitecture Architecture = HuggingFaceConfig.Parse(Encoding.UTF8.GetBytes(Config), "config.json");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(128)]
    public void PrefillMacsAndParametersEqualTheGraphs(long sequence)
    {
        var onnx = OnnxModel.Load(LlamaOnnxGraph.Build(3, 256, 8, 2, 688, 1000, cache: false));
        var report = onnx.Profile(new ProfileOptions { InputShapes = new Dictionary<string, long[]> { ["input_ids"] = [1, sequence] } });
        Assert.True(report.Summary.IsComplete);
        var tensors = LlmTensors.Enumerate(Architecture);
        // A plain forward pass computes logits at every position, as the export does.
        Assert.Equal(report.Summary.Macs, ForwardCost.Of(Architecture, tensors, sequence, 0, allLogits: true).Macs);
        Assert.Equal(report.Summary.Parameters.Total, ParameterBreakdown.From(tensors, 0, 0).Total);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 511)]
    [InlineData(16, 100)]
    public void DecodeWithABoundCacheEqualsTheGraph(long newTokens, long past)
    {
        var onnx = OnnxModel.Load(LlamaOnnxGraph.Build(3, 256, 8, 2, 688, 1000, cache: true));
        var decoder = OnnxDecoder.Find(onnx.Model.Graph)!;
        Assert.Equal(6, decoder.CacheInputs.Count);
        var shapes = decoder.Bind(newTokens, past, batch: 2);
        Assert.Equal([2, 2, past, 32], shapes["past_key_values.0.key"]);
        var report = onnx.Profile(new ProfileOptions { InputShapes = shapes });
        Assert.True(report.Summary.IsComplete);
        Assert.Equal(report.Summary.Macs, ForwardCost.Of(Architecture, LlmTensors.Enumerate(Architecture), newTokens, past, batch: 2, allLogits: true).Macs);
    }
}
