using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class TileHandlerTests
{
    [Fact]
    public void MultipliesDimensions()
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Ints("r", [1, 2, 0]).Node("Tile", ["x", "r"], ["y"]).Analyze();

        Assert.Equal("2x6x0", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ValuesAreTiled()
    {
        // [[1,2],[3,4]] tiled (2,1) -> [[1,2],[3,4],[1,2],[3,4]]; (1,2) -> [[1,2,1,2],[3,4,3,4]].
        var result = new TestGraph().Ints("v", [1, 2, 3, 4], [2, 2]).Ints("r1", [2, 1]).Ints("r2", [1, 2])
            .Node("Tile", ["v", "r1"], ["a"])
            .Node("Tile", ["v", "r2"], ["b"])
            .Analyze();

        Assert.Equal("4x2", result.ShapeOf("a"));
        Assert.Equal(new long[] { 1, 2, 3, 4, 1, 2, 3, 4 }, result.IntsOf("a"));
        Assert.Equal("2x4", result.ShapeOf("b"));
        Assert.Equal(new long[] { 1, 2, 1, 2, 3, 4, 3, 4 }, result.IntsOf("b"));
    }

    [Fact]
    public void RepeatsOfWrongLengthAreAnError()
    {
        var graph = new TestGraph().Input("x", 2, 3).Ints("r", [2]).Node("Tile", ["x", "r"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
