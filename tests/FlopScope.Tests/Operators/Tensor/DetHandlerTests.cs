using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class DetHandlerTests
{
    [Fact]
    public void BatchOfMatrices()
    {
        var result = new TestGraph().Input("x", 3, 4, 4).Node("Det", ["x"], ["y"]).Analyze();

        Assert.Equal("3", result.ShapeOf("y"));
        Assert.Equal(3 * 42, result.TotalCost.OtherFlops); // floor(2 * 64 / 3) = 42 per matrix
    }

    [Fact]
    public void SingleMatrixGivesScalar()
    {
        var result = new TestGraph().Input("x", 3, 3).Node("Det", ["x"], ["y"]).Analyze();

        Assert.Equal("scalar", result.ShapeOf("y"));
        Assert.Equal(18, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void NonSquareIsAnError()
    {
        var graph = new TestGraph().Input("x", 3, 4).Node("Det", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
