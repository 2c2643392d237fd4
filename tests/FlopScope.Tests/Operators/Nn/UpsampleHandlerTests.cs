using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class UpsampleHandlerTests
{
    [Fact]
    public void Opset9ScalesInput()
    {
        var result = new TestGraph().Opset(9).Input("x", 1, 2, 3, 3).Floats("scales", [1, 1, 2, 3])
            .Node("Upsample", ["x", "scales"], ["y"])
            .Analyze();

        Assert.Equal("1x2x6x9", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset7ScalesAttributeWithLinearMode()
    {
        var result = new TestGraph().Opset(7).Input("x", 1, 2, 3, 3)
            .Node("Upsample", ["x"], ["y"], ("scales", new[] { 1f, 1f, 2f, 2f }), ("mode", "linear"))
            .Analyze();

        Assert.Equal("1x2x6x6", result.ShapeOf("y"));
        Assert.Equal(72L * 7, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset1HeightAndWidthScales()
    {
        var result = new TestGraph().Opset(1).Input("x", 1, 2, 3, 3)
            .Node("Upsample", ["x"], ["y"], ("height_scale", 2f), ("width_scale", 3f), ("mode", "bilinear"))
            .Analyze();

        Assert.Equal("1x2x6x9", result.ShapeOf("y"));
        Assert.Equal(108L * 7, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void UnknownModeIsAnError()
    {
        var graph = new TestGraph().Opset(9).Input("x", 1, 1, 2, 2).Floats("scales", [1, 1, 2, 2])
            .Node("Upsample", ["x", "scales"], ["y"], ("mode", "area"));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
