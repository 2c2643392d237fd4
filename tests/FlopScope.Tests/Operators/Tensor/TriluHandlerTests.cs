using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class TriluHandlerTests
{
    [Fact]
    public void KeepsShapeWithoutCost()
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Ints("k", [1], []).Node("Trilu", ["x", "k"], ["y"], ("upper", 0)).Analyze();

        Assert.Equal("2x3x4", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void VectorIsAnError()
    {
        var graph = new TestGraph().Input("x", 4).Node("Trilu", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
