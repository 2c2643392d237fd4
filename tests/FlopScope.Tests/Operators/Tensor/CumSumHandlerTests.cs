using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class CumSumHandlerTests
{
    [Fact]
    public void OneAddPerFloatElement()
    {
        var result = new TestGraph().Input("x", 2, 3).Ints("axis", [-1], []).Node("CumSum", ["x", "axis"], ["y"]).Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(6, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void IntegerCumSumIsFree()
    {
        var result = new TestGraph().Input("x", DataType.Int64, 1, 128).Ints("axis", [1], []).Node("CumSum", ["x", "axis"], ["y"]).Analyze();

        Assert.Equal("1x128", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AxisOutOfRangeIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 3).Ints("axis", [2], []).Node("CumSum", ["x", "axis"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
