using FlopScope.Errors;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class SqueezeHandlerTests
{
    [Fact]
    public void AxesInputFromOpset13()
    {
        var result = new TestGraph().Opset(13).Input("x", 1, 3, 1, 5).Ints("ax", [0, -2])
            .Node("Squeeze", ["x", "ax"], ["y"])
            .Analyze();

        Assert.Equal("3x5", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AxesAttributeBeforeOpset13()
    {
        var result = new TestGraph().Opset(11).Input("x", 1, 3, 1, 5)
            .Node("Squeeze", ["x"], ["y"], ("axes", new[] { 2 }))
            .Analyze();

        Assert.Equal("1x3x5", result.ShapeOf("y"));
    }

    [Fact]
    public void NoAxesRemovesEveryOne()
    {
        var result = new TestGraph().Input("x", 1, 3, 1, 5).Node("Squeeze", ["x"], ["y"]).Analyze();

        Assert.Equal("3x5", result.ShapeOf("y"));
    }

    [Fact]
    public void ValuesPassThroughToScalar()
    {
        var result = new TestGraph().Ints("v", [42]).Node("Squeeze", ["v"], ["y"]).Analyze();

        Assert.Equal("scalar", result.ShapeOf("y"));
        Assert.Equal(new long[] { 42 }, result.IntsOf("y"));
    }

    [Fact]
    public void SqueezingANonOneAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 3).Ints("ax", [1]).Node("Squeeze", ["x", "ax"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void UnknownAxesAreUnresolved()
    {
        var result = new TestGraph().Input("x", 1, 3).Input("ax", Graph.DataType.Int64, 1).Node("Squeeze", ["x", "ax"], ["y"]).Analyze();

        Assert.Equal(NodeStatus.Unresolved, result.Node(0).Status);
    }
}
