using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ImageScalerHandlerTests
{
    [Fact]
    public void ScaleAndBiasPerElement()
    {
        var result = new TestGraph().Opset(8).Input("x", 1, 3, 4, 4)
            .Node("ImageScaler", ["x"], ["y"], ("scale", 0.5f), ("bias", new[] { 1f, 2f, 3f }))
            .Analyze();

        Assert.Equal("1x3x4x4", result.ShapeOf("y"));
        Assert.Equal(96, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void BiasLengthMismatchIsAnError()
    {
        var graph = new TestGraph().Opset(8).Input("x", 1, 3, 4, 4).Node("ImageScaler", ["x"], ["y"], ("bias", new[] { 1f }));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
