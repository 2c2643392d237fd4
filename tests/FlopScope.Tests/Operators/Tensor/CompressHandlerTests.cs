using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class CompressHandlerTests
{
    [Fact]
    public void KnownConditionAlongAxis()
    {
        var result = new TestGraph().Input("x", 3, 2).Ints("c", [0, 1, 1])
            .Node("Compress", ["x", "c"], ["y"], ("axis", 0))
            .Analyze();

        Assert.Equal("2x2", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void KnownConditionWithoutAxisFlattens()
    {
        var result = new TestGraph().Input("x", 3, 2).Ints("c", [1, 0, 1, 1]).Node("Compress", ["x", "c"], ["y"]).Analyze();

        Assert.Equal("3", result.ShapeOf("y"));
    }

    [Fact]
    public void RuntimeConditionIsUnknown()
    {
        var result = new TestGraph().Input("x", 3, 2).Input("c", DataType.Bool, 2)
            .Node("Compress", ["x", "c"], ["y"], ("axis", -1))
            .Analyze();

        Assert.Equal("3x?", result.ShapeOf("y"));
    }

    [Fact]
    public void ConditionLongerThanAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 3, 2).Ints("c", [1, 1, 1]).Node("Compress", ["x", "c"], ["y"], ("axis", 1));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
