using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class ArgReduceHandlerTests
{
    [Theory]
    [InlineData(1, "2x1x4")]
    [InlineData(0, "2x4")]
    public void ArgMaxGivesInt64IndicesAndComparesEachElement(int keepdims, string expected)
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Node("ArgMax", ["x"], ["y"], ("axis", 1), ("keepdims", keepdims)).Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(DataType.Int64, result.Value("y").DataType);
        Assert.Equal(24, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void DefaultAxisIsZero()
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Node("ArgMin", ["x"], ["y"]).Analyze();

        Assert.Equal("1x3x4", result.ShapeOf("y"));
    }

    [Fact]
    public void NegativeAxis()
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Node("ArgMin", ["x"], ["y"], ("axis", -1), ("keepdims", 0)).Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
    }

    [Theory]
    [InlineData("ArgMax", 0, new long[] { 1, 0 })]
    [InlineData("ArgMax", 1, new long[] { 2, 2 })]
    [InlineData("ArgMin", 0, new long[] { 0, 1 })]
    [InlineData("ArgMin", 1, new long[] { 0, 1 })]
    public void ValuesArePropagatedWithTieBreaking(string op, int selectLast, long[] expected)
    {
        var result = new TestGraph().Opset(12).Ints("m", [1, 5, 5, 7, 2, 7], [2, 3])
            .Node(op, ["m"], ["y"], ("axis", 1), ("keepdims", 0), ("select_last_index", selectLast))
            .Analyze();

        Assert.Equal(expected, result.IntsOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops); // integer input
    }

    [Fact]
    public void ValuesAlongTheFirstAxis()
    {
        var result = new TestGraph().Floats("f", [1, 9, 3, 4], [2, 2])
            .Node("ArgMax", ["f"], ["y"])
            .Analyze();

        Assert.Equal("1x2", result.ShapeOf("y"));
        Assert.Equal([1L, 0L], result.IntsOf("y"));
        Assert.Equal(4, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void EmptyAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 0).Node("ArgMax", ["x"], ["y"], ("axis", 1));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
