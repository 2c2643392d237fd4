using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class MultiHeadAttentionHandlerTests
{
    private const string Ms = "com.microsoft";

    [Fact]
    public void CrossAttentionWithSeparateKeyAndValue()
    {
        // 4 heads: head 8, value head 4; query length 4, key length 6.
        var result = new TestGraph().Input("q", 2, 4, 32).Input("k", 2, 6, 32).Input("v", 2, 6, 16)
            .NodeIn(Ms, "MultiHeadAttention", ["q", "k", "v"], ["y", "pk", "pv", "qk"], ("num_heads", 4))
            .Analyze();

        Assert.Equal("2x4x16", result.ShapeOf("y"));
        Assert.Equal("2x4x6x8", result.ShapeOf("pk"));
        Assert.Equal("2x4x6x4", result.ShapeOf("pv"));
        Assert.Equal("2x4x4x6", result.ShapeOf("qk"));
        const long scores = 2L * 4 * 4 * 6;
        Assert.Equal(scores * 12, result.TotalCost.Macs);
        Assert.Equal(scores * 6, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void PastAndBiasExtendKeysAndAddFlops()
    {
        var result = new TestGraph().Input("q", 2, 4, 32).Input("k", 2, 6, 32).Input("v", 2, 6, 16).Weight("bias", 80)
            .Input("pk_in", 2, 4, 3, 8).Input("pv_in", 2, 4, 3, 4)
            .NodeIn(Ms, "MultiHeadAttention", ["q", "k", "v", "bias", "", "", "pk_in", "pv_in"], ["y", "pk", "pv"], ("num_heads", 4))
            .Analyze();

        Assert.Equal("2x4x9x8", result.ShapeOf("pk"));
        const long scores = 2L * 4 * 4 * 9;
        Assert.Equal(scores * 12, result.TotalCost.Macs);
        // bias: Q 2*4*32, K 2*6*32, V 2*6*16.
        Assert.Equal(256 + 384 + 192 + (scores * 6), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void PackedQkv()
    {
        var result = new TestGraph().Input("qkv", 2, 4, 4, 3, 8)
            .NodeIn(Ms, "MultiHeadAttention", ["qkv"], ["y"], ("num_heads", 4), ("unidirectional", 1))
            .Analyze();

        Assert.Equal("2x4x32", result.ShapeOf("y"));
        const long scores = 2L * 4 * 4 * 4;
        Assert.Equal(scores * 16, result.TotalCost.Macs);
        Assert.Equal(scores * 7, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ProjectedKeyIsNotAppendedToPast()
    {
        var result = new TestGraph().Input("q", 1, 2, 32).Input("k", 1, 4, 10, 8).Input("v", 1, 4, 10, 8).Input("pk_in", 1, 4, 3, 8)
            .NodeIn(Ms, "MultiHeadAttention", ["q", "k", "v", "", "", "", "pk_in"], ["y", "pk"], ("num_heads", 4))
            .Analyze();

        Assert.Equal("1x4x10x8", result.ShapeOf("pk"));
        Assert.Equal(1L * 4 * 2 * 10 * 16, result.TotalCost.Macs);
    }

    [Fact]
    public void KeyHeadSizeMustMatchQuery()
    {
        var graph = new TestGraph().Input("q", 2, 4, 32).Input("k", 2, 6, 16).Input("v", 2, 6, 16)
            .NodeIn(Ms, "MultiHeadAttention", ["q", "k", "v"], ["y"], ("num_heads", 4));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
