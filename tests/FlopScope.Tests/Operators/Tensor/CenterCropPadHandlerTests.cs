using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class CenterCropPadHandlerTests
{
    [Fact]
    public void CropsAndPadsListedAxes()
    {
        var result = new TestGraph().Input("x", 20, 10, 3).Ints("s", [10, 20])
            .Node("CenterCropPad", ["x", "s"], ["y"], ("axes", new[] { 0, -2 }))
            .Analyze();

        Assert.Equal("10x20x3", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AllAxesByDefault()
    {
        var result = new TestGraph().Input("x", 20, 10).Ints("s", [7, 12]).Node("CenterCropPad", ["x", "s"], ["y"]).Analyze();

        Assert.Equal("7x12", result.ShapeOf("y"));
    }

    [Fact]
    public void ShapeOfWrongLengthIsAnError()
    {
        var graph = new TestGraph().Input("x", 20, 10).Ints("s", [7]).Node("CenterCropPad", ["x", "s"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
