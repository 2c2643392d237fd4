using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ExpandHandlerTests
{
    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, "2x3x4")]
    [InlineData(new long[] { 1, 1 }, "3x1")]        // 1 keeps the input dimension
    [InlineData(new long[] { 5, 1, 1 }, "5x3x1")]
    [InlineData(new long[] { 4 }, "3x4")]
    public void BidirectionalBroadcast(long[] shape, string expected)
    {
        var result = new TestGraph().Input("x", 3, 1).Ints("s", shape).Node("Expand", ["x", "s"], ["y"]).Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ValuesAreBroadcast()
    {
        // [[1],[2]] expanded to 2x3 -> [[1,1,1],[2,2,2]].
        var result = new TestGraph().Ints("v", [1, 2], [2, 1]).Ints("s", [2, 3]).Node("Expand", ["v", "s"], ["y"]).Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new long[] { 1, 1, 1, 2, 2, 2 }, result.IntsOf("y"));
    }

    [Fact]
    public void IncompatibleShapeIsAnError()
    {
        var graph = new TestGraph().Input("x", 3, 2).Ints("s", [3, 4]).Node("Expand", ["x", "s"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
