using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class InstanceNormalizationHandlerTests
{
    [Fact]
    public void StatisticsPerSampleAndChannel()
    {
        var result = new TestGraph().Input("x", 2, 3, 4, 4).Weight("s", 3).Weight("b", 3)
            .Node("InstanceNormalization", ["x", "s", "b"], ["y"])
            .Analyze();

        Assert.Equal("2x3x4x4", result.ShapeOf("y"));
        Assert.Equal((7L * 96) + (5L * 6), result.TotalCost.OtherFlops); // 702
    }

    [Fact]
    public void ScaleMustHaveOneValuePerChannel()
    {
        var graph = new TestGraph().Input("x", 2, 3, 4).Weight("s", 2).Weight("b", 3)
            .Node("InstanceNormalization", ["x", "s", "b"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
