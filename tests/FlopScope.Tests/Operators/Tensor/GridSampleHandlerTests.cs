using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class GridSampleHandlerTests
{
    [Theory]
    [InlineData("bilinear", 90 * 7 + 30 * 4)]
    [InlineData("nearest", 30 * 4)]
    [InlineData("bicubic", 90 * 31 + 30 * 4)]
    public void TwoDimensionalModes(string mode, long flops)
    {
        var result = new TestGraph().Opset(16).Input("x", 1, 3, 10, 10).Input("g", 1, 5, 6, 2)
            .Node("GridSample", ["x", "g"], ["y"], ("mode", mode))
            .Analyze();

        Assert.Equal("1x3x5x6", result.ShapeOf("y"));
        Assert.Equal(flops, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void VolumetricLinearFromOpset20()
    {
        // 3-D: 8 taps -> 15 FLOPs per element; 3 coordinates -> 6 per location.
        var result = new TestGraph().Opset(20).Input("x", 1, 2, 4, 4, 4).Input("g", 1, 2, 3, 4, 3)
            .Node("GridSample", ["x", "g"], ["y"])
            .Analyze();

        Assert.Equal("1x2x2x3x4", result.ShapeOf("y"));
        Assert.Equal(48 * 15 + 24 * 6, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void GridOfWrongLastDimensionIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 3, 10, 10).Input("g", 1, 5, 6, 3).Node("GridSample", ["x", "g"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
