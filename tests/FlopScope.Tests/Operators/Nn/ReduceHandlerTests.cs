using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Nn;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class ReduceHandlerTests
{
    [Theory]
    [InlineData(1, "1x64x1x1")]
    [InlineData(0, "1x64")]
    public void ReduceMeanOverSpatialAxesWithAttribute(int keepdims, string expected)
    {
        var result = new TestGraph().Opset(17).Input("x", 1, 64, 7, 7)
            .Node("ReduceMean", ["x"], ["y"], ("axes", new[] { 2, 3 }), ("keepdims", keepdims))
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(3136L + 64, result.TotalCost.OtherFlops); // one add per input, one divide per output
    }

    [Fact]
    public void ReduceMeanTakesAxesFromTheInputFromOpset18()
    {
        var result = new TestGraph().Opset(18).Input("x", 2, 5, 8).Ints("axes", [-1])
            .Node("ReduceMean", ["x", "axes"], ["y"])
            .Analyze();

        Assert.Equal("2x5x1", result.ShapeOf("y"));
        Assert.Equal(80L + 10, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ReduceSumTakesAxesFromTheInputFromOpset13()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 5, 8).Ints("axes", [0, -2])
            .Node("ReduceSum", ["x", "axes"], ["y"], ("keepdims", 0))
            .Analyze();

        Assert.Equal("8", result.ShapeOf("y"));
        Assert.Equal(80, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ReduceSumReadsTheAxesAttributeBeforeOpset13()
    {
        var result = new TestGraph().Opset(11).Input("x", 2, 5, 8)
            .Node("ReduceSum", ["x"], ["y"], ("axes", new[] { 1 }))
            .Analyze();

        Assert.Equal("2x1x8", result.ShapeOf("y"));
    }

    [Theory]
    [InlineData(1, "1x1x1")]
    [InlineData(0, "scalar")]
    public void EmptyAxesReduceEverything(int keepdims, string expected)
    {
        var result = new TestGraph().Opset(18).Input("x", 2, 3, 4)
            .Node("ReduceMax", ["x"], ["y"], ("keepdims", keepdims))
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(24, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void EmptyAxesInputReducesEverythingToo()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 3).Ints("axes", [], [0])
            .Node("ReduceSum", ["x", "axes"], ["y"], ("keepdims", 0))
            .Analyze();

        Assert.Equal("scalar", result.ShapeOf("y"));
    }

    [Fact]
    public void NoopWithEmptyAxesIsAnIdentity()
    {
        var result = new TestGraph().Opset(18).Input("x", 2, 3, 4)
            .Node("ReduceMean", ["x"], ["y"], ("noop_with_empty_axes", 1))
            .Analyze();

        Assert.Equal("2x3x4", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void NoopWithEmptyAxesIsIgnoredBeforeTheAxesInput()
    {
        // ReduceMean-13 has no noop_with_empty_axes: missing axes still reduce everything.
        var result = new TestGraph().Opset(13).Input("x", 2, 3)
            .Node("ReduceMean", ["x"], ["y"], ("noop_with_empty_axes", 1))
            .Analyze();

        Assert.Equal("1x1", result.ShapeOf("y"));
    }

    [Theory]
    [InlineData("ReduceSum", 24)]
    [InlineData("ReduceMax", 24)]
    [InlineData("ReduceMin", 24)]
    [InlineData("ReduceProd", 24)]
    [InlineData("ReduceMean", 24 + 6)]
    [InlineData("ReduceLogSum", 24 + 6)]
    [InlineData("ReduceSumSquare", 48)]
    [InlineData("ReduceL1", 48)]
    [InlineData("ReduceL2", 48 + 6)]
    [InlineData("ReduceLogSumExp", 48 + 6)]
    public void CostPerKind(string op, long expected)
    {
        // 2x3x4 reduced over the last axis: 24 inputs, 6 outputs (opset 12: axes attribute for every op).
        var result = new TestGraph().Opset(12).Input("x", 2, 3, 4)
            .Node(op, ["x"], ["y"], ("axes", new[] { -1 }))
            .Analyze();

        Assert.Equal("2x3x1", result.ShapeOf("y"));
        Assert.Equal(expected, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ReduceProdOfAShapePropagatesItsValue()
    {
        var result = new TestGraph().Opset(13).Ints("s", [2, 3, 4])
            .Node("ReduceProd", ["s"], ["n"], ("keepdims", 0))
            .Analyze();

        Assert.Equal("scalar", result.ShapeOf("n"));
        Assert.Equal([24L], result.IntsOf("n"));
        Assert.Equal(0, result.TotalCost.OtherFlops); // integer arithmetic
    }

    [Fact]
    public void ReduceSumOfIntegerRowsPropagatesValues()
    {
        var result = new TestGraph().Opset(13).Ints("m", [1, 2, 3, 4, 5, 6], [2, 3]).Ints("axes", [1])
            .Ints("axes0", [0])
            .Node("ReduceSum", ["m", "axes"], ["rows"])
            .Node("ReduceSum", ["m", "axes0"], ["cols"], ("keepdims", 0))
            .Analyze();

        Assert.Equal("2x1", result.ShapeOf("rows"));
        Assert.Equal([6L, 15L], result.IntsOf("rows"));
        Assert.Equal([5L, 7L, 9L], result.IntsOf("cols"));
    }

    [Theory]
    [InlineData("ReduceMax", new long[] { 3, 6 })]
    [InlineData("ReduceMin", new long[] { 1, 4 })]
    [InlineData("ReduceMean", new long[] { 2, 5 })]
    [InlineData("ReduceSumSquare", new long[] { 14, 77 })]
    [InlineData("ReduceL1", new long[] { 6, 15 })]
    public void IntegerValuePropagationPerKind(string op, long[] expected)
    {
        var result = new TestGraph().Opset(17).Ints("m", [1, 2, 3, 4, 5, 6], [2, 3])
            .Node(op, ["m"], ["y"], ("axes", new[] { 1 }), ("keepdims", 0))
            .Analyze();

        Assert.Equal(expected, result.IntsOf("y"));
    }

    [Fact]
    public void FloatValuesArePropagated()
    {
        var result = new TestGraph().Opset(17).Floats("f", [3, 4, 1, 1], [2, 2])
            .Node("ReduceL2", ["f"], ["l2"], ("axes", new[] { 1 }), ("keepdims", 0))
            .Node("ReduceMean", ["f"], ["mean"], ("axes", new[] { 0 }), ("keepdims", 0))
            .Analyze();

        Assert.Equal([5, Math.Sqrt(2)], result.Value("l2").Value!.Floats!);
        Assert.Equal([2, 2.5], result.Value("mean").Value!.Floats!);
    }

    [Fact]
    public void RepeatedAxesAreAnError()
    {
        var graph = new TestGraph().Opset(12).Input("x", 2, 3).Node("ReduceSum", ["x"], ["y"], ("axes", new[] { 1, -1 }));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("repeat an axis", error.Message);
    }

    [Fact]
    public void AxisOutOfRangeIsAnError()
    {
        var graph = new TestGraph().Opset(17).Input("x", 2, 3).Node("ReduceMean", ["x"], ["y"], ("axes", new[] { 2 }));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void UnknownAxesLeaveTheNodeUnresolved()
    {
        var result = new TestGraph().Opset(18).Input("x", 2, 3).Input("axes", DataType.Int64, 1)
            .Node("ReduceMean", ["x", "axes"], ["y"])
            .Analyze();

        Assert.Equal(NodeStatus.Unresolved, result.Node(0).Status);
    }

    [Fact]
    public void EmptyInputReducesToEmptyCost()
    {
        var result = new TestGraph().Opset(12).Input("x", 0L, 4L).Node("ReduceSum", ["x"], ["y"], ("axes", new[] { 1 })).Analyze();

        Assert.Equal("0x1", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AxesInputIsControl() =>
        Assert.Equal(InputRole.Control, new ReduceHandler(ReduceKind.Sum).GetInputRole(1, null!));
}
