using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Linear;

public sealed class AttentionHandlerTests
{
    [Fact]
    public void FourDimensionalGroupedQueryAttention()
    {
        var result = new TestGraph().Opset(23).Input("q", 2, 8, 10, 64).Input("k", 2, 2, 12, 64).Input("v", 2, 2, 12, 32)
            .Node("Attention", ["q", "k", "v"], ["y", "pk", "pv", "qk"])
            .Analyze();

        Assert.Equal("2x8x10x32", result.ShapeOf("y"));
        Assert.Equal("2x2x12x64", result.ShapeOf("pk"));
        Assert.Equal("2x2x12x32", result.ShapeOf("pv"));
        Assert.Equal("2x8x10x12", result.ShapeOf("qk"));
        const long scores = 2L * 8 * 10 * 12;
        Assert.Equal(scores * (64 + 32), result.TotalCost.Macs);
        Assert.Equal(scores * (1 + 5), result.TotalCost.OtherFlops); // scale + softmax
    }

    [Fact]
    public void ThreeDimensionalWithPastMaskAndCausal()
    {
        var result = new TestGraph().Opset(23).Input("q", 1, 4, 128).Input("k", 1, 4, 32).Input("v", 1, 4, 32)
            .Input("mask", 4, 10).Input("past_k", 1, 2, 6, 16).Input("past_v", 1, 2, 6, 16)
            .Node("Attention", ["q", "k", "v", "mask", "past_k", "past_v"], ["y", "pk", "pv", "qk"],
                ("q_num_heads", 8), ("kv_num_heads", 2), ("is_causal", 1))
            .Analyze();

        Assert.Equal("1x4x128", result.ShapeOf("y"));
        Assert.Equal("1x2x10x16", result.ShapeOf("pk"));
        Assert.Equal("1x2x10x16", result.ShapeOf("pv"));
        Assert.Equal("1x8x4x10", result.ShapeOf("qk"));
        const long scores = 1L * 8 * 4 * 10;
        Assert.Equal(scores * 32, result.TotalCost.Macs);
        Assert.Equal(scores * (1 + 2 + 5), result.TotalCost.OtherFlops); // scale, mask, causal mask, softmax
    }

    [Fact]
    public void SoftcapAddsThreeFlopsPerScore()
    {
        var result = new TestGraph().Opset(23).Input("q", 1, 1, 3, 8).Input("k", 1, 1, 5, 8).Input("v", 1, 1, 5, 8)
            .Node("Attention", ["q", "k", "v"], ["y"], ("softcap", 30.0f))
            .Analyze();

        Assert.Equal(15L * 16, result.TotalCost.Macs);
        Assert.Equal(15L * (1 + 3 + 5), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ThreeDimensionalInputsNeedHeadCounts()
    {
        var graph = new TestGraph().Opset(23).Input("q", 1, 4, 128).Input("k", 1, 4, 128).Input("v", 1, 4, 128)
            .Node("Attention", ["q", "k", "v"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void QueryHeadsMustBeAMultipleOfKeyValueHeads()
    {
        var graph = new TestGraph().Opset(23).Input("q", 1, 3, 4, 8).Input("k", 1, 2, 4, 8).Input("v", 1, 2, 4, 8)
            .Node("Attention", ["q", "k", "v"], ["y"]);

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("not a multiple", error.Message);
    }

    [Fact]
    public void HalfPrecisionStillCountsFlops()
    {
        var result = new TestGraph().Opset(23).Input("q", DataType.Float16, 1, 1, 2, 4).Input("k", DataType.Float16, 1, 1, 2, 4)
            .Input("v", DataType.Float16, 1, 1, 2, 4)
            .Node("Attention", ["q", "k", "v"], ["y"])
            .Analyze();

        Assert.Equal(DataType.Float16, result.Value("y").DataType);
        Assert.Equal(4L * 8, result.TotalCost.Macs);
        Assert.Equal(4L * 6, result.TotalCost.OtherFlops);
    }
}
