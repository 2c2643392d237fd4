using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class GatherElementsHandlerTests
{
    [Fact]
    public void OutputHasIndicesShape()
    {
        var result = new TestGraph().Input("x", 4, 5).Input("i", Graph.DataType.Int64, 4, 2)
            .Node("GatherElements", ["x", "i"], ["y"], ("axis", 1))
            .Analyze();

        Assert.Equal("4x2", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ValuesFollowTheSpecExample()
    {
        // ONNX example: data [[1,2],[3,4]], indices [[0,0],[1,0]], axis 1 -> [[1,1],[4,3]].
        var result = new TestGraph().Ints("d", [1, 2, 3, 4], [2, 2]).Ints("i", [0, 0, 1, 0], [2, 2])
            .Node("GatherElements", ["d", "i"], ["y"], ("axis", 1))
            .Analyze();

        Assert.Equal(new long[] { 1, 1, 4, 3 }, result.IntsOf("y"));
    }

    [Fact]
    public void NegativeIndicesAlongAxis0()
    {
        // data [[1,2,3],[4,5,6],[7,8,9]], indices [[-1,-2,0],[-3,0,0]], axis 0 -> [[7,5,3],[1,2,3]].
        var result = new TestGraph().Ints("d", [1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3]).Ints("i", [-1, -2, 0, -3, 0, 0], [2, 3])
            .Node("GatherElements", ["d", "i"], ["y"])
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new long[] { 7, 5, 3, 1, 2, 3 }, result.IntsOf("y"));
    }

    [Fact]
    public void RankMismatchIsAnError()
    {
        var graph = new TestGraph().Input("x", 4, 5).Input("i", Graph.DataType.Int64, 4).Node("GatherElements", ["x", "i"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
