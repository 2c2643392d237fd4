using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class PackedAttentionHandlerTests
{
    private const string Ms = "com.microsoft";

    [Fact]
    public void ProjectionPlusAttention()
    {
        // batch 2, seq 4, hidden 32, 4 heads of 8.
        var result = new TestGraph().Input("x", 2, 4, 32).Weight("w", 32, 96).Weight("b", 96)
            .NodeIn(Ms, "Attention", ["x", "w", "b"], ["y", "present"], ("num_heads", 4))
            .Analyze();

        Assert.Equal("2x4x32", result.ShapeOf("y"));
        Assert.Equal("2x2x4x4x8", result.ShapeOf("present"));
        const long scores = 2L * 4 * 4 * 4;
        Assert.Equal((8L * 32 * 96) + (scores * 16), result.TotalCost.Macs);
        Assert.Equal((8L * 96) + (scores * 6), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void PastMaskAndUnequalValueWidth()
    {
        var result = new TestGraph().Input("x", 2, 4, 32).Weight("w", 32, 80).Input("mask", 2, 7).Input("past", 2, 2, 4, 3, 8)
            .NodeIn(Ms, "Attention", ["x", "w", "", "mask", "past"], ["y", "present"], ("num_heads", 4), ("qkv_hidden_sizes", new[] { 32, 32, 16 }), ("unidirectional", 1))
            .Analyze();

        Assert.Equal("2x4x16", result.ShapeOf("y"));
        Assert.Equal("2x2x4x7x8", result.ShapeOf("present"));
        const long scores = 2L * 4 * 4 * 7;
        Assert.Equal((8L * 32 * 80) + (scores * (8 + 4)), result.TotalCost.Macs);
        Assert.Equal(scores * (1 + 2 + 5), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void HiddenSizeMustSplitIntoHeads()
    {
        var graph = new TestGraph().Input("x", 2, 4, 30).Weight("w", 30, 90)
            .NodeIn(Ms, "Attention", ["x", "w"], ["y"], ("num_heads", 4));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
