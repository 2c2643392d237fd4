using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class PadHandlerTests
{
    [Fact]
    public void PadsInputFromOpset11()
    {
        var result = new TestGraph().Opset(11).Input("x", 1, 3, 32, 32).Ints("p", [0, 0, 1, 2, 0, 0, 3, 4])
            .Node("Pad", ["x", "p"], ["y"])
            .Analyze();

        Assert.Equal("1x3x36x38", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void PadsAttributeBeforeOpset11()
    {
        var result = new TestGraph().Opset(2).Input("x", 2, 5)
            .Node("Pad", ["x"], ["y"], ("pads", new[] { 1, 0, 1, 3 }), ("mode", "reflect"))
            .Analyze();

        Assert.Equal("4x8", result.ShapeOf("y"));
    }

    [Fact]
    public void PaddingsAttributeInOpset1()
    {
        var result = new TestGraph().Opset(1).Input("x", 2, 5)
            .Node("Pad", ["x"], ["y"], ("paddings", new[] { 0, 2, 0, 2 }))
            .Analyze();

        Assert.Equal("2x9", result.ShapeOf("y"));
    }

    [Fact]
    public void AxesInputFromOpset18()
    {
        var result = new TestGraph().Opset(18).Input("x", 1, 3, 32, 32).Ints("p", [1, 2, 3, 4]).Ints("ax", [-1, 1])
            .Node("Pad", ["x", "p", "", "ax"], ["y"])
            .Analyze();

        // axis -1: begin 1, end 3; axis 1: begin 2, end 4.
        Assert.Equal("1x9x32x36", result.ShapeOf("y"));
    }

    [Fact]
    public void NegativePadsCrop()
    {
        var result = new TestGraph().Input("x", 4, 6).Ints("p", [-1, 0, -1, -2]).Node("Pad", ["x", "p"], ["y"]).Analyze();

        Assert.Equal("2x4", result.ShapeOf("y"));
    }

    [Fact]
    public void ConstantValuesArePadded()
    {
        var result = new TestGraph().Ints("v", [1, 2]).Ints("p", [1, 2]).Ints("c", [9], [])
            .Node("Pad", ["v", "p", "c"], ["y"])
            .Analyze();

        Assert.Equal(new long[] { 9, 1, 2, 9, 9 }, result.IntsOf("y"));
    }

    [Theory]
    [InlineData("edge", new long[] { 1, 1, 1, 2, 3, 3 })]
    [InlineData("reflect", new long[] { 3, 2, 1, 2, 3, 2 })]
    [InlineData("wrap", new long[] { 2, 3, 1, 2, 3, 1 })]
    public void ModeValues(string mode, long[] expected)
    {
        var result = new TestGraph().Opset(19).Ints("v", [1, 2, 3]).Ints("p", [2, 1])
            .Node("Pad", ["v", "p"], ["y"], ("mode", mode))
            .Analyze();

        Assert.Equal(expected, result.IntsOf("y"));
    }

    [Fact]
    public void WrongPadCountIsAnError()
    {
        var graph = new TestGraph().Input("x", 4, 6).Ints("p", [1, 1]).Node("Pad", ["x", "p"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void CroppingBelowZeroIsAnError()
    {
        var graph = new TestGraph().Input("x", 2).Ints("p", [-2, -1]).Node("Pad", ["x", "p"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
