using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class NormalizationHandlerTests
{
    private const string Ms = "com.microsoft";

    [Fact]
    public void SkipLayerNormalizationWithBetaAndBias()
    {
        var result = new TestGraph().Input("x", 2, 4, 8).Input("skip", 2, 4, 8).Weight("g", 8).Weight("beta", 8).Weight("bias", 8)
            .NodeIn(Ms, "SkipLayerNormalization", ["x", "skip", "g", "beta", "bias"], ["y", "mean", "inv", "sum"])
            .Analyze();

        Assert.Equal("2x4x8", result.ShapeOf("y"));
        Assert.Equal("2x4x1", result.ShapeOf("mean"));
        Assert.Equal(DataType.Float, result.Value("inv").DataType);
        Assert.Equal("2x4x8", result.ShapeOf("sum"));
        // 64 elements x (6 + beta + skip + bias) + 8 rows x 5.
        Assert.Equal((64L * 9) + (8 * 5), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void SkipSimplifiedLayerNormalizationBroadcastsSkip()
    {
        var result = new TestGraph().Input("x", 2, 4, 8).Input("skip", 4, 8).Weight("g", 8)
            .NodeIn(Ms, "SkipSimplifiedLayerNormalization", ["x", "skip", "g"], ["y"])
            .Analyze();

        Assert.Equal("2x4x8", result.ShapeOf("y"));
        Assert.Equal((64L * 5) + (8 * 4), result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(-1, "2x4x1", (64 * 4) + (8 * 4))]
    [InlineData(1, "2x1x1", (64 * 4) + (2 * 4))]
    public void SimplifiedLayerNormalizationAxis(int axis, string statsShape, long flops)
    {
        var result = new TestGraph().Input("x", 2, 4, 8).Weight("g", 4, 8)
            .Node("SimplifiedLayerNormalization", ["x", "g"], ["y", "inv"], ("axis", axis))
            .Analyze();

        Assert.Equal("2x4x8", result.ShapeOf("y"));
        Assert.Equal(statsShape, result.ShapeOf("inv"));
        Assert.Equal(flops, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void MicrosoftDomainSimplifiedLayerNormalization()
    {
        var result = new TestGraph().Input("x", 3, 16).Weight("g", 16)
            .NodeIn(Ms, "SimplifiedLayerNormalization", ["x", "g"], ["y"])
            .Analyze();

        Assert.Equal((48L * 4) + (3 * 4), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void SkipThatDoesNotBroadcastIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 4, 8).Input("skip", 2, 5, 8).Weight("g", 8)
            .NodeIn(Ms, "SkipLayerNormalization", ["x", "skip", "g"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void BadAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 4).Weight("g", 4)
            .Node("SimplifiedLayerNormalization", ["x", "g"], ["y"], ("axis", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
