using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class SplitHandlerTests
{
    [Fact]
    public void EqualSplitByOutputCount()
    {
        var result = new TestGraph().Input("x", 2, 12).Node("Split", ["x"], ["a", "b", "c"], ("axis", 1)).Analyze();

        Assert.Equal("2x4", result.ShapeOf("a"));
        Assert.Equal("2x4", result.ShapeOf("b"));
        Assert.Equal("2x4", result.ShapeOf("c"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void SplitAttributeBeforeOpset13()
    {
        var result = new TestGraph().Opset(11).Input("x", 6, 2)
            .Node("Split", ["x"], ["a", "b"], ("split", new[] { 2, 4 }))
            .Analyze();

        Assert.Equal("2x2", result.ShapeOf("a"));
        Assert.Equal("4x2", result.ShapeOf("b"));
    }

    [Fact]
    public void SplitInputFromOpset13WithNegativeAxis()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 7).Ints("s", [3, 0, 4])
            .Node("Split", ["x", "s"], ["a", "b", "c"], ("axis", -1))
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("a"));
        Assert.Equal("2x0", result.ShapeOf("b"));
        Assert.Equal("2x4", result.ShapeOf("c"));
    }

    [Fact]
    public void NumOutputsFromOpset18LastChunkSmaller()
    {
        var result = new TestGraph().Opset(18).Input("x", 7)
            .Node("Split", ["x"], ["a", "b", "c"], ("num_outputs", 3))
            .Analyze();

        Assert.Equal("3", result.ShapeOf("a"));
        Assert.Equal("3", result.ShapeOf("b"));
        Assert.Equal("1", result.ShapeOf("c"));
    }

    [Fact]
    public void ValuesAreSplit()
    {
        var result = new TestGraph().Opset(13).Ints("v", [1, 2, 3, 4, 5, 6], [2, 3]).Ints("s", [1, 2])
            .Node("Split", ["v", "s"], ["a", "b"], ("axis", 1))
            .Analyze();

        Assert.Equal(new long[] { 1, 4 }, result.IntsOf("a"));
        Assert.Equal(new long[] { 2, 3, 5, 6 }, result.IntsOf("b"));
    }

    [Fact]
    public void UnevenSplitIsAnError()
    {
        var graph = new TestGraph().Input("x", 7).Node("Split", ["x"], ["a", "b"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void SizesNotAddingUpAreAnError()
    {
        var graph = new TestGraph().Opset(13).Input("x", 7).Ints("s", [3, 3]).Node("Split", ["x", "s"], ["a", "b"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
