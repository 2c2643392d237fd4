using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ConcatHandlerTests
{
    [Fact]
    public void SumsTheAxisDimension()
    {
        var result = new TestGraph().Input("a", 1, 64, 28, 28).Input("b", 1, 32, 28, 28).Input("c", 1, 16, 28, 28)
            .Node("Concat", ["a", "b", "c"], ["y"], ("axis", 1))
            .Analyze();

        Assert.Equal("1x112x28x28", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void NegativeAxis()
    {
        var result = new TestGraph().Input("a", 2, 3).Input("b", 2, 5).Node("Concat", ["a", "b"], ["y"], ("axis", -1)).Analyze();

        Assert.Equal("2x8", result.ShapeOf("y"));
    }

    [Fact]
    public void ValuesAreConcatenated()
    {
        var result = new TestGraph().Ints("a", [1, 2]).Ints("b", [3]).Ints("empty", [], [0])
            .Node("Concat", ["a", "empty", "b"], ["y"], ("axis", 0))
            .Analyze();

        Assert.Equal("3", result.ShapeOf("y"));
        Assert.Equal(DataType.Int64, result.Value("y").DataType);
        Assert.Equal(new long[] { 1, 2, 3 }, result.IntsOf("y"));
    }

    [Fact]
    public void TwoDimensionalValuesAlongInnerAxis()
    {
        // [[1,2],[3,4]] ++ [[5],[6]] along axis 1 = [[1,2,5],[3,4,6]].
        var result = new TestGraph().Ints("a", [1, 2, 3, 4], [2, 2]).Ints("b", [5, 6], [2, 1])
            .Node("Concat", ["a", "b"], ["y"], ("axis", 1))
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new long[] { 1, 2, 5, 3, 4, 6 }, result.IntsOf("y"));
    }

    [Fact]
    public void ValueUnknownWhenOneInputIsUnknown()
    {
        var result = new TestGraph().Ints("a", [1, 2]).Input("b", DataType.Int64, 1)
            .Node("Concat", ["a", "b"], ["y"], ("axis", 0))
            .Analyze();

        Assert.Equal("3", result.ShapeOf("y"));
        Assert.Null(result.Value("y").Value);
    }

    [Fact]
    public void Opset1DefaultsToAxis1()
    {
        var result = new TestGraph().Opset(1).Input("a", 2, 3).Input("b", 2, 4).Node("Concat", ["a", "b"], ["y"]).Analyze();

        Assert.Equal("2x7", result.ShapeOf("y"));
    }

    [Fact]
    public void MismatchedOtherDimensionIsAnError()
    {
        var graph = new TestGraph().Input("a", 2, 3).Input("b", 4, 3).Node("Concat", ["a", "b"], ["y"], ("axis", 1));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void DifferentRanksAreAnError()
    {
        var graph = new TestGraph().Input("a", 2, 3).Input("b", 3).Node("Concat", ["a", "b"], ["y"], ("axis", 0));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
