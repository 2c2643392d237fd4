using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class CropHandlerTests
{
    [Fact]
    public void BorderIsRemoved()
    {
        var result = new TestGraph().Opset(1).Input("x", 1, 3, 10, 12)
            .Node("Crop", ["x"], ["y"], ("border", new[] { 1, 2, 3, 4 }))
            .Analyze();

        Assert.Equal("1x3x4x8", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ScaleGivesWindowSize()
    {
        var result = new TestGraph().Opset(1).Input("x", 1, 3, 10, 12)
            .Node("Crop", ["x"], ["y"], ("border", new[] { 1, 2, 0, 0 }), ("scale", new[] { 5, 5 }))
            .Analyze();

        Assert.Equal("1x3x5x5", result.ShapeOf("y"));
    }

    [Fact]
    public void OversizedBorderIsAnError()
    {
        var graph = new TestGraph().Opset(1).Input("x", 1, 3, 4, 4).Node("Crop", ["x"], ["y"], ("border", new[] { 0, 3, 0, 3 }));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
