using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class Col2ImHandlerTests
{
    [Fact]
    public void SpecExampleShape()
    {
        // ONNX example: input 1x5x5, image 5x5, block 1x5 -> 1x1x5x5 (5 block positions).
        var result = new TestGraph().Input("x", 1, 5, 5).Ints("img", [5, 5]).Ints("blk", [1, 5])
            .Node("Col2Im", ["x", "img", "blk"], ["y"])
            .Analyze();

        Assert.Equal("1x1x5x5", result.ShapeOf("y"));
        Assert.Equal(25, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void StridesAndPads()
    {
        // image 4x4, block 2x2, stride 2, pads 1: (4+2-2)/2+1 = 3 per axis -> L = 9; C = 12/4 = 3.
        var result = new TestGraph().Input("x", 2, 12, 9).Ints("img", [4, 4]).Ints("blk", [2, 2])
            .Node("Col2Im", ["x", "img", "blk"], ["y"], ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }))
            .Analyze();

        Assert.Equal("2x3x4x4", result.ShapeOf("y"));
        Assert.Equal(2 * 12 * 9, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void WrongBlockCountIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 5, 4).Ints("img", [5, 5]).Ints("blk", [1, 5]).Node("Col2Im", ["x", "img", "blk"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
