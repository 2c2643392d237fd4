using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class FlattenHandlerTests
{
    [Theory]
    [InlineData(null, "2x60")]
    [InlineData(0, "1x120")]
    [InlineData(2, "6x20")]
    [InlineData(4, "120x1")]
    [InlineData(-1, "30x4")]
    [InlineData(-4, "1x120")]
    public void AxisSplitsTheDimensions(int? axis, string expected)
    {
        var attrs = axis is { } a ? new (string, object)[] { ("axis", a) } : [];
        var result = new TestGraph().Input("x", 2, 3, 5, 4).Node("Flatten", ["x"], ["y"], attrs).Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AxisOutOfRangeIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 3).Node("Flatten", ["x"], ["y"], ("axis", 3));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void ValuesPassThrough()
    {
        var result = new TestGraph().Ints("a", [1, 2, 3, 4], [2, 2]).Node("Flatten", ["a"], ["y"], ("axis", 0)).Analyze();

        Assert.Equal("1x4", result.ShapeOf("y"));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, result.IntsOf("y"));
    }
}
