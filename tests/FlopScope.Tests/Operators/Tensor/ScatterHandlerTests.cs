using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ScatterHandlerTests
{
    [Fact]
    public void ScatterNDKeepsDataShapeAndCostsNothing()
    {
        // data 4x4x4, indices 2x1 (whole slices), updates 2x4x4.
        var result = new TestGraph().Input("d", 4, 4, 4).Input("i", DataType.Int64, 2, 1).Input("u", 2, 4, 4)
            .Node("ScatterND", ["d", "i", "u"], ["y"])
            .Analyze();

        Assert.Equal("4x4x4", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ScatterNDAddCountsOneFlopPerUpdate()
    {
        var result = new TestGraph().Opset(16).Input("d", 4, 4, 4).Input("i", DataType.Int64, 2, 1).Input("u", 2, 4, 4)
            .Node("ScatterND", ["d", "i", "u"], ["y"], ("reduction", "add"))
            .Analyze();

        Assert.Equal(32, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ScatterElementsWithNegativeAxis()
    {
        var result = new TestGraph().Input("d", 3, 5).Input("i", DataType.Int64, 3, 2).Input("u", 3, 2)
            .Node("ScatterElements", ["d", "i", "u"], ["y"], ("axis", -1), ("reduction", "mul"))
            .Analyze();

        Assert.Equal("3x5", result.ShapeOf("y"));
        Assert.Equal(6, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ScatterNDUpdatesOfWrongRankAreAnError()
    {
        var graph = new TestGraph().Input("d", 4, 4).Input("i", DataType.Int64, 2, 1).Input("u", 2)
            .Node("ScatterND", ["d", "i", "u"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void ScatterElementsRankMismatchIsAnError()
    {
        var graph = new TestGraph().Input("d", 3, 5).Input("i", DataType.Int64, 3).Input("u", 3)
            .Node("Scatter", ["d", "i", "u"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
