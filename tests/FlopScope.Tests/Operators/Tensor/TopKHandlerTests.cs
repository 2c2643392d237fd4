using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class TopKHandlerTests
{
    [Fact]
    public void KFromInputOnLastAxis()
    {
        var result = new TestGraph().Input("x", 2, 1000).Ints("k", [5])
            .Node("TopK", ["x", "k"], ["v", "i"])
            .Analyze();

        Assert.Equal("2x5", result.ShapeOf("v"));
        Assert.Equal("2x5", result.ShapeOf("i"));
        Assert.Equal(DataType.Float, result.Value("v").DataType);
        Assert.Equal(DataType.Int64, result.Value("i").DataType);
        Assert.Equal(2000, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void KAttributeBeforeOpset10()
    {
        var result = new TestGraph().Opset(9).Input("x", 6, 4)
            .Node("TopK", ["x"], ["v", "i"], ("k", 3), ("axis", 0))
            .Analyze();

        Assert.Equal("3x4", result.ShapeOf("v"));
    }

    [Fact]
    public void UnknownKGivesUnknownDimension()
    {
        var result = new TestGraph().Input("x", 2, 10).Input("k", DataType.Int64, 1)
            .Node("TopK", ["x", "k"], ["v", "i"], ("axis", -1))
            .Analyze();

        Assert.Equal("2x?", result.ShapeOf("v"));
        Assert.Equal(20, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void KLargerThanAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 3).Ints("k", [4]).Node("TopK", ["x", "k"], ["v", "i"]);

        Assert.Throws<FlopScope.Errors.ShapeException>(() => graph.Analyze());
    }
}
