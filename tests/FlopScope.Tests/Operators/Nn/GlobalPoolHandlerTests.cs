using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class GlobalPoolHandlerTests
{
    [Fact]
    public void ResnetGlobalAveragePoolAddsEveryElementAndDividesPerChannel()
    {
        var result = new TestGraph().Input("x", 1, 2048, 7, 7).Node("GlobalAveragePool", ["x"], ["y"]).Analyze();

        Assert.Equal("1x2048x1x1", result.ShapeOf("y"));
        Assert.Equal(2048L * (49 + 1), result.TotalCost.OtherFlops); // 102,400
    }

    [Fact]
    public void GlobalMaxPoolComparesEveryElement()
    {
        var result = new TestGraph().Input("x", 2, 16, 5, 5).Node("GlobalMaxPool", ["x"], ["y"]).Analyze();

        Assert.Equal("2x16x1x1", result.ShapeOf("y"));
        Assert.Equal(2L * 16 * 25, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void GlobalLpPoolCountsThreePerElementAndARootPerChannel()
    {
        var result = new TestGraph().Input("x", 1, 3, 2, 2).Node("GlobalLpPool", ["x"], ["y"], ("p", 2)).Analyze();

        Assert.Equal("1x3x1x1", result.ShapeOf("y"));
        Assert.Equal(3L * ((3 * 4) + 1), result.TotalCost.OtherFlops); // 39
    }

    [Fact]
    public void OneAndThreeSpatialAxes()
    {
        var result = new TestGraph().Input("a", 2, 4, 10).Input("b", 1, 2, 3, 4, 5)
            .Node("GlobalAveragePool", ["a"], ["y"])
            .Node("GlobalMaxPool", ["b"], ["z"])
            .Analyze();

        Assert.Equal("2x4x1", result.ShapeOf("y"));
        Assert.Equal("1x2x1x1x1", result.ShapeOf("z"));
        Assert.Equal((8L * 11) + (2L * 60), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void RankOneInputIsAnError()
    {
        var graph = new TestGraph().Input("x", 5).Node("GlobalAveragePool", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
