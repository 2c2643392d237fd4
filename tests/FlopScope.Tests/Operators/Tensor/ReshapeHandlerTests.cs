using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ReshapeHandlerTests
{
    [Theory]
    [InlineData(new long[] { 6, 4 }, "6x4")]
    [InlineData(new long[] { -1 }, "24")]
    [InlineData(new long[] { 0, -1 }, "2x12")]     // 0 copies dimension 0
    [InlineData(new long[] { 0, 0, 2, -1 }, "2x3x2x2")]
    [InlineData(new long[] { -1, 2, 2 }, "6x2x2")]
    public void ZeroCopiesAndMinusOneInfers(long[] shape, string expected)
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Ints("s", shape)
            .Node("Reshape", ["x", "s"], ["y"])
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AllowZeroMakesZeroARealDimension()
    {
        var result = new TestGraph().Opset(14).Input("x", DataType.Float, 0, 3).Ints("s", [3, 0])
            .Node("Reshape", ["x", "s"], ["y"], ("allowzero", 1))
            .Analyze();

        Assert.Equal("3x0", result.ShapeOf("y"));
    }

    [Fact]
    public void WithoutAllowZeroZeroCopiesEvenForEmptyInput()
    {
        var result = new TestGraph().Opset(14).Input("x", DataType.Float, 0, 3).Ints("s", [0, 3])
            .Node("Reshape", ["x", "s"], ["y"])
            .Analyze();

        Assert.Equal("0x3", result.ShapeOf("y"));
    }

    [Fact]
    public void AllowZeroWithMinusOneIsAnError()
    {
        var graph = new TestGraph().Opset(14).Input("x", 2, 3).Ints("s", [0, -1])
            .Node("Reshape", ["x", "s"], ["y"], ("allowzero", 1));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void AllowZeroIgnoredBeforeOpset14()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 3).Ints("s", [0, 3])
            .Node("Reshape", ["x", "s"], ["y"], ("allowzero", 1))
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
    }

    [Fact]
    public void Opset1TakesShapeAttribute()
    {
        var result = new TestGraph().Opset(1).Input("x", 2, 3, 4)
            .Node("Reshape", ["x"], ["y"], ("shape", new long[] { 4, -1 }))
            .Analyze();

        Assert.Equal("4x6", result.ShapeOf("y"));
    }

    [Theory]
    [InlineData(new long[] { 5, -1 })]
    [InlineData(new long[] { 5, 5 })]
    [InlineData(new long[] { -1, -1 })]
    [InlineData(new long[] { -2, 12 })]
    [InlineData(new long[] { 0, 0, 0, 0 })]
    public void ImpossibleShapesAreErrors(long[] shape)
    {
        var graph = new TestGraph().Input("x", 2, 3, 4).Ints("s", shape).Node("Reshape", ["x", "s"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void ValuesPassThrough()
    {
        var result = new TestGraph().Ints("a", [1, 2, 3, 4, 5, 6]).Ints("s", [2, 3])
            .Node("Reshape", ["a", "s"], ["y"])
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, result.IntsOf("y"));
    }

    [Fact]
    public void UnknownShapeValueIsUnresolved()
    {
        var result = new TestGraph().Input("x", 2, 3).Input("s", DataType.Int64, 2)
            .Node("Reshape", ["x", "s"], ["y"])
            .Analyze();

        Assert.Equal(NodeStatus.Unresolved, result.Node(0).Status);
    }

    [Fact]
    public void ShapeGatherUnsqueezeConcatReshapeChainResolves()
    {
        // The PyTorch export of x.view(x.size(0), -1): Shape -> Gather(0) -> Unsqueeze -> Concat([b, -1]) -> Reshape.
        var result = new TestGraph().Input("x", 8, 16, 7, 7).Ints("zero", [0], []).Ints("minus", [-1]).Ints("axes", [0])
            .Node("Shape", ["x"], ["shape"])
            .Node("Gather", ["shape", "zero"], ["batch"], ("axis", 0))
            .Node("Unsqueeze", ["batch", "axes"], ["batch1"])
            .Node("Concat", ["batch1", "minus"], ["target"], ("axis", 0))
            .Node("Reshape", ["x", "target"], ["y"])
            .Analyze();

        Assert.Equal("scalar", result.ShapeOf("batch"));
        Assert.Equal(new long[] { 8 }, result.IntsOf("batch"));
        Assert.Equal(new long[] { 8, -1 }, result.IntsOf("target"));
        Assert.Equal("8x784", result.ShapeOf("y"));
        Assert.Equal(NodeCost.Zero, result.TotalCost);
    }
}
