using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class MeanVarianceNormalizationHandlerTests
{
    [Fact]
    public void DefaultAxesNormalizePerChannel()
    {
        // axes [0, 2, 3]: one group per channel.
        var result = new TestGraph().Input("x", 2, 3, 4, 4).Node("MeanVarianceNormalization", ["x"], ["y"]).Analyze();

        Assert.Equal("2x3x4x4", result.ShapeOf("y"));
        Assert.Equal((5L * 96) + (5L * 3), result.TotalCost.OtherFlops); // 495
    }

    [Fact]
    public void NegativeAxesNormalizePerSampleAndChannel()
    {
        var result = new TestGraph().Input("x", 2, 3, 4, 4).Node("MeanVarianceNormalization", ["x"], ["y"], ("axes", new[] { -2, -1 })).Analyze();

        Assert.Equal((5L * 96) + (5L * 6), result.TotalCost.OtherFlops); // 510
    }

    [Fact]
    public void DefaultAxesNeedRankFour()
    {
        var graph = new TestGraph().Input("x", 2, 3).Node("MeanVarianceNormalization", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
