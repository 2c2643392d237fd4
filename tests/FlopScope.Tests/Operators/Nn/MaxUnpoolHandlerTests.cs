using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class MaxUnpoolHandlerTests
{
    [Fact]
    public void InvertsTheWindowArithmetic()
    {
        // (2 - 1) x 2 + 2 = 4.
        var result = new TestGraph().Input("x", 1, 1, 2, 2).Input("i", DataType.Int64, 1, 1, 2, 2)
            .Node("MaxUnpool", ["x", "i"], ["y"], ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }))
            .Analyze();

        Assert.Equal("1x1x4x4", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void PadsShrinkTheOutput()
    {
        // (3 - 1) x 2 + 3 - 1 - 1 = 5.
        var result = new TestGraph().Input("x", 1, 2, 3).Input("i", DataType.Int64, 1, 2, 3)
            .Node("MaxUnpool", ["x", "i"], ["y"], ("kernel_shape", new[] { 3 }), ("strides", new[] { 2 }), ("pads", new[] { 1, 1 }))
            .Analyze();

        Assert.Equal("1x2x5", result.ShapeOf("y"));
    }

    [Fact]
    public void OutputShapeInputWins()
    {
        var result = new TestGraph().Input("x", 1, 1, 2, 2).Input("i", DataType.Int64, 1, 1, 2, 2).Ints("shape", [1, 1, 5, 5])
            .Node("MaxUnpool", ["x", "i", "shape"], ["y"], ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }))
            .Analyze();

        Assert.Equal("1x1x5x5", result.ShapeOf("y"));
    }

    [Fact]
    public void KernelRankMustMatch()
    {
        var graph = new TestGraph().Input("x", 1, 1, 2, 2).Input("i", DataType.Int64, 1, 1, 2, 2)
            .Node("MaxUnpool", ["x", "i"], ["y"], ("kernel_shape", new[] { 2 }));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
