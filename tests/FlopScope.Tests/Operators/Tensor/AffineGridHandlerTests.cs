using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class AffineGridHandlerTests
{
    [Fact]
    public void TwoDimensionalGrid()
    {
        var result = new TestGraph().Opset(20).Input("theta", 2, 2, 3).Ints("size", [2, 3, 4, 5])
            .Node("AffineGrid", ["theta", "size"], ["grid"])
            .Analyze();

        Assert.Equal("2x4x5x2", result.ShapeOf("grid"));
        Assert.Equal(2 * 4 * 5 * 2 * 3, result.TotalCost.Macs);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ThreeDimensionalGrid()
    {
        var result = new TestGraph().Opset(20).Input("theta", 1, 3, 4).Ints("size", [1, 1, 2, 3, 4])
            .Node("AffineGrid", ["theta", "size"], ["grid"])
            .Analyze();

        Assert.Equal("1x2x3x4x3", result.ShapeOf("grid"));
        Assert.Equal(24 * 3 * 4, result.TotalCost.Macs);
    }

    [Fact]
    public void ThetaOfWrongShapeIsAnError()
    {
        var graph = new TestGraph().Opset(20).Input("theta", 2, 3, 4).Ints("size", [2, 3, 4, 5]).Node("AffineGrid", ["theta", "size"], ["grid"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
