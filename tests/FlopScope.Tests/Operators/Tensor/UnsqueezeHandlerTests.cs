using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class UnsqueezeHandlerTests
{
    [Theory]
    [InlineData(new long[] { 0 }, "1x3x4")]
    [InlineData(new long[] { 0, 3 }, "1x3x4x1")]
    [InlineData(new long[] { -1 }, "3x4x1")]        // against output rank 3
    [InlineData(new long[] { 1, -2 }, "3x1x1x4")]
    [InlineData(new long[] { 3, 1 }, "3x1x4x1")]    // unsorted
    public void InsertsAxesOfOutput(long[] axes, string expected)
    {
        var result = new TestGraph().Input("x", 3, 4).Ints("ax", axes).Node("Unsqueeze", ["x", "ax"], ["y"]).Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AttributeBeforeOpset13()
    {
        var result = new TestGraph().Opset(11).Input("x", 3)
            .Node("Unsqueeze", ["x"], ["y"], ("axes", new[] { 0, 2 }))
            .Analyze();

        Assert.Equal("1x3x1", result.ShapeOf("y"));
    }

    [Fact]
    public void ScalarValueBecomesVector()
    {
        var result = new TestGraph().Ints("v", [7], []).Ints("ax", [0]).Node("Unsqueeze", ["v", "ax"], ["y"]).Analyze();

        Assert.Equal("1", result.ShapeOf("y"));
        Assert.Equal(new long[] { 7 }, result.IntsOf("y"));
    }

    [Fact]
    public void RepeatedAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 3).Ints("ax", [0, -3]).Node("Unsqueeze", ["x", "ax"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void AxisOutOfRangeIsAnError()
    {
        var graph = new TestGraph().Input("x", 3).Ints("ax", [2]).Node("Unsqueeze", ["x", "ax"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
