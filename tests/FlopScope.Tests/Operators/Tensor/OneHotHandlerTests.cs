using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class OneHotHandlerTests
{
    [Theory]
    [InlineData(null, "2x3x10")]
    [InlineData(0, "10x2x3")]
    [InlineData(-2, "2x10x3")]
    public void InsertsDepthAtAxis(int? axis, string expected)
    {
        var attrs = axis is { } a ? new (string, object)[] { ("axis", a) } : [];
        var result = new TestGraph().Input("i", DataType.Int64, 2, 3).Ints("depth", [10], []).Floats("vals", [0, 1])
            .Node("OneHot", ["i", "depth", "vals"], ["y"], attrs)
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(DataType.Float, result.Value("y").DataType);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void UnknownDepthIsUnknownDimension()
    {
        var result = new TestGraph().Input("i", DataType.Int64, 4).Input("depth", DataType.Int64).Floats("vals", [0, 1])
            .Node("OneHot", ["i", "depth", "vals"], ["y"])
            .Analyze();

        Assert.Equal("4x?", result.ShapeOf("y"));
    }

    [Fact]
    public void NonPositiveDepthIsAnError()
    {
        var graph = new TestGraph().Input("i", DataType.Int64, 4).Ints("depth", [0], []).Floats("vals", [0, 1])
            .Node("OneHot", ["i", "depth", "vals"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
