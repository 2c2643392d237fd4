using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ReverseSequenceHandlerTests
{
    [Fact]
    public void KeepsShape()
    {
        var result = new TestGraph().Input("x", 4, 2, 3).Input("lens", DataType.Int64, 2)
            .Node("ReverseSequence", ["x", "lens"], ["y"])
            .Analyze();

        Assert.Equal("4x2x3", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void EqualAxesAreAnError()
    {
        var graph = new TestGraph().Input("x", 4, 2).Input("lens", DataType.Int64, 2)
            .Node("ReverseSequence", ["x", "lens"], ["y"], ("batch_axis", 0), ("time_axis", 0));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
