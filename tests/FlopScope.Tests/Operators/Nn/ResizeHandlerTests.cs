using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Nn;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class ResizeHandlerTests
{
    [Fact]
    public void Opset10ScalesInputNearestIsACopy()
    {
        var result = new TestGraph().Opset(10).Input("x", 1, 3, 4, 4).Floats("scales", [1, 1, 2, 2])
            .Node("Resize", ["x", "scales"], ["y"])
            .Analyze();

        Assert.Equal("1x3x8x8", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset11BilinearCountsSevenPerOutput()
    {
        var result = new TestGraph().Opset(11).Input("x", 1, 3, 4, 4).Floats("roi", [], [0]).Floats("scales", [1, 1, 2, 2])
            .Node("Resize", ["x", "roi", "scales"], ["y"], ("mode", "linear"))
            .Analyze();

        Assert.Equal("1x3x8x8", result.ShapeOf("y"));
        Assert.Equal(192L * 7, result.TotalCost.OtherFlops); // 4 multiplies + 3 adds
    }

    [Fact]
    public void Opset11SizesWithAnEmptyScalesTensor()
    {
        // The opset 11/12 idiom: scales is an empty tensor when sizes is used.
        var result = new TestGraph().Opset(11).Input("x", 1, 3, 4, 4).Floats("roi", [], [0]).Floats("scales", [], [0]).Ints("sizes", [1, 3, 5, 7])
            .Node("Resize", ["x", "roi", "scales", "sizes"], ["y"], ("mode", "cubic"))
            .Analyze();

        Assert.Equal("1x3x5x7", result.ShapeOf("y"));
        Assert.Equal(105L * 31, result.TotalCost.OtherFlops); // bicubic: 16 multiplies + 15 adds
    }

    [Fact]
    public void Opset13SizesWithOmittedScales()
    {
        var result = new TestGraph().Opset(13).Input("x", 1, 1, 2, 6).Ints("sizes", [1, 1, 4, 3])
            .Node("Resize", ["x", "", "", "sizes"], ["y"], ("mode", "linear"))
            .Analyze();

        Assert.Equal("1x1x4x3", result.ShapeOf("y"));
        Assert.Equal(12L * 7, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ScalesFloorTheOutputSize()
    {
        // 5 x 0.5 = 2.5 -> 2; 5 x 0.6f = 3.0000001 -> 3.
        var result = new TestGraph().Opset(13).Input("x", 1, 1, 5, 5).Floats("scales", [1, 1, 0.5, (double)0.6f])
            .Node("Resize", ["x", "", "scales"], ["y"], ("mode", "linear"))
            .Analyze();

        Assert.Equal("1x1x2x3", result.ShapeOf("y"));
        Assert.Equal(6L * 7, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LinearOverOneResizedAxisCountsThreePerOutput()
    {
        var result = new TestGraph().Opset(13).Input("x", 1, 1, 4, 4).Floats("scales", [1, 1, 1, 2])
            .Node("Resize", ["x", "", "scales"], ["y"], ("mode", "linear"))
            .Analyze();

        Assert.Equal("1x1x4x8", result.ShapeOf("y"));
        Assert.Equal(32L * 3, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset18AxesLimitScalesToListedAxes()
    {
        var result = new TestGraph().Opset(18).Input("x", 1, 3, 4, 4).Floats("scales", [3, 2])
            .Node("Resize", ["x", "", "scales"], ["y"], ("axes", new[] { -2, 3 }), ("mode", "nearest"))
            .Analyze();

        Assert.Equal("1x3x12x8", result.ShapeOf("y"));
    }

    [Theory]
    [InlineData("stretch", "1x3x6x10")]
    [InlineData("not_larger", "1x3x6x6")]    // min(6/4, 10/4) = 1.5
    [InlineData("not_smaller", "1x3x10x10")] // max = 2.5
    public void KeepAspectRatioPolicy(string policy, string expected)
    {
        var result = new TestGraph().Opset(18).Input("x", 1, 3, 4, 4).Ints("sizes", [6, 10])
            .Node("Resize", ["x", "", "", "sizes"], ["y"], ("axes", new[] { 2, 3 }), ("keep_aspect_ratio_policy", policy))
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
    }

    [Fact]
    public void KeepAspectRatioRoundsHalfUp()
    {
        // not_larger: scale = min(1/2, 10/5) = 0.5; 2 x 0.5 = 1, 5 x 0.5 = 2.5 -> 3.
        var result = new TestGraph().Opset(19).Input("x", 2, 5).Ints("sizes", [1, 10])
            .Node("Resize", ["x", "", "", "sizes"], ["y"], ("keep_aspect_ratio_policy", "not_larger"))
            .Analyze();

        Assert.Equal("1x3", result.ShapeOf("y"));
    }

    [Fact]
    public void BothScalesAndSizesIsAnError()
    {
        var graph = new TestGraph().Opset(13).Input("x", 1, 1, 2, 2).Floats("scales", [1, 1, 2, 2]).Ints("sizes", [1, 1, 4, 4])
            .Node("Resize", ["x", "", "scales", "sizes"], ["y"]);

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("both scales and sizes", error.Message);
    }

    [Fact]
    public void ScalesOfTheWrongLengthAreAnError()
    {
        var graph = new TestGraph().Opset(13).Input("x", 1, 1, 2, 2).Floats("scales", [2, 2])
            .Node("Resize", ["x", "", "scales"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void RuntimeScalesLeaveTheNodeUnresolved()
    {
        var result = new TestGraph().Opset(13).Input("x", 1, 1, 2, 2).Input("scales", 4)
            .Node("Resize", ["x", "", "scales"], ["y"])
            .Analyze();

        Assert.Equal(NodeStatus.Unresolved, result.Node(0).Status);
    }

    [Fact]
    public void IntegerImagesCountNoFlops()
    {
        var result = new TestGraph().Opset(13).Input("x", DataType.UInt8, 1, 3, 4, 4).Floats("scales", [1, 1, 2, 2])
            .Node("Resize", ["x", "", "scales"], ["y"], ("mode", "linear"))
            .Analyze();

        Assert.Equal("1x3x8x8", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ScalesSizesAndRoiAreControlInputs(int index) =>
        Assert.Equal(InputRole.Control, new ResizeHandler().GetInputRole(index, null!));
}
