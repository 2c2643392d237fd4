using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class SliceHandlerTests
{
    [Theory]
    [InlineData(0, 3, 1, "3")]
    [InlineData(1, long.MaxValue, 1, "9")]       // INT64_MAX: to the end
    [InlineData(-3, long.MaxValue, 1, "3")]      // last three
    [InlineData(0, -1, 1, "9")]                  // all but the last
    [InlineData(-100, 100, 1, "10")]             // clamped both sides
    [InlineData(8, 2, 1, "0")]                   // empty
    [InlineData(0, 10, 3, "4")]                  // 0,3,6,9
    [InlineData(-1, long.MinValue, -1, "10")]    // reverse whole axis
    [InlineData(9, 0, -2, "5")]                  // 9,7,5,3,1
    [InlineData(20, -20, -3, "4")]               // clamped to 9 .. -1: 9,6,3,0
    [InlineData(2, 5, -1, "0")]
    public void StartsEndsStepsClamp(long start, long end, long step, string expected)
    {
        var result = new TestGraph().Input("x", 10).Ints("st", [start]).Ints("en", [end]).Ints("ax", [0]).Ints("sp", [step])
            .Node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AttributesBeforeOpset10()
    {
        var result = new TestGraph().Opset(9).Input("x", 4, 6, 8)
            .Node("Slice", ["x"], ["y"], ("starts", new[] { 1, 2 }), ("ends", new long[] { 3, long.MaxValue }), ("axes", new[] { 0, 2 }))
            .Analyze();

        Assert.Equal("2x6x6", result.ShapeOf("y"));
    }

    [Fact]
    public void AxesDefaultToLeadingAndNegativeAxesWork()
    {
        var result = new TestGraph().Input("x", 4, 6, 8).Ints("st", [1]).Ints("en", [-1]).Ints("ax", [-1])
            .Node("Slice", ["x", "st", "en", "ax"], ["y"])
            .Node("Slice", ["x", "st", "en"], ["z"])
            .Analyze();

        Assert.Equal("4x6x6", result.ShapeOf("y"));
        Assert.Equal("2x6x8", result.ShapeOf("z"));
    }

    [Fact]
    public void ValuesAreSlicedForShapeChains()
    {
        // shape[-2:] of a 1x3x224x224 input.
        var result = new TestGraph().Input("x", 1, 3, 224, 200).Ints("st", [-2]).Ints("en", [long.MaxValue])
            .Node("Shape", ["x"], ["s"])
            .Node("Slice", ["s", "st", "en"], ["hw"])
            .Analyze();

        Assert.Equal(new long[] { 224, 200 }, result.IntsOf("hw"));
    }

    [Fact]
    public void TwoDimensionalValuesWithNegativeStep()
    {
        // [[1,2,3],[4,5,6]] rows reversed, every second column: [[4,6],[1,3]].
        var result = new TestGraph().Ints("a", [1, 2, 3, 4, 5, 6], [2, 3]).Ints("st", [-1, 0]).Ints("en", [long.MinValue, 3])
            .Ints("ax", [0, 1]).Ints("sp", [-1, 2])
            .Node("Slice", ["a", "st", "en", "ax", "sp"], ["y"])
            .Analyze();

        Assert.Equal("2x2", result.ShapeOf("y"));
        Assert.Equal(new long[] { 4, 6, 1, 3 }, result.IntsOf("y"));
    }

    [Fact]
    public void EmptyDimensionStaysEmpty()
    {
        var result = new TestGraph().Input("x", DataType.Float, 0, 3).Ints("st", [0]).Ints("en", [-1]).Ints("ax", [0]).Ints("sp", [-1])
            .Node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])
            .Analyze();

        Assert.Equal("0x3", result.ShapeOf("y"));
    }

    [Fact]
    public void ZeroStepIsAnError()
    {
        var graph = new TestGraph().Input("x", 10).Ints("st", [0]).Ints("en", [5]).Ints("ax", [0]).Ints("sp", [0])
            .Node("Slice", ["x", "st", "en", "ax", "sp"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void RepeatedAxisIsAnError()
    {
        var graph = new TestGraph().Input("x", 10, 4).Ints("st", [0, 0]).Ints("en", [5, 5]).Ints("ax", [1, -1])
            .Node("Slice", ["x", "st", "en", "ax"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void UnknownStartsAreUnresolved()
    {
        var result = new TestGraph().Input("x", 10).Input("st", DataType.Int64, 1).Ints("en", [5])
            .Node("Slice", ["x", "st", "en"], ["y"])
            .Analyze();

        Assert.Equal(NodeStatus.Unresolved, result.Node(0).Status);
    }
}
