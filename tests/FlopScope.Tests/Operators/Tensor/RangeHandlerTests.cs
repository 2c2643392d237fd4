using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class RangeHandlerTests
{
    [Theory]
    [InlineData(0, 5, 1, new long[] { 0, 1, 2, 3, 4 })]
    [InlineData(10, 4, -3, new long[] { 10, 7 })]
    [InlineData(1, 8, 3, new long[] { 1, 4, 7 })]
    [InlineData(5, 0, 1, new long[] { })]
    [InlineData(-2, 2, 2, new long[] { -2, 0 })]
    public void IntegerRanges(long start, long limit, long delta, long[] expected)
    {
        var result = new TestGraph().Ints("s", [start], []).Ints("l", [limit], []).Ints("d", [delta], [])
            .Node("Range", ["s", "l", "d"], ["y"])
            .Analyze();

        Assert.Equal(expected.Length.ToString(), result.ShapeOf("y"));
        Assert.Equal(expected, result.IntsOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void FloatRangeCostsOneAddPerElement()
    {
        // ceil((2 - 1) / 0.25) = 4 elements.
        var result = new TestGraph().Floats("s", [1.0], []).Floats("l", [2.0], []).Floats("d", [0.25], [])
            .Node("Range", ["s", "l", "d"], ["y"])
            .Analyze();

        Assert.Equal("4", result.ShapeOf("y"));
        Assert.Equal(new[] { 1.0, 1.25, 1.5, 1.75 }, result.Value("y").Value!.Floats);
        Assert.Equal(4, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void UnknownScalarsGiveDataDependentLength()
    {
        var result = new TestGraph().Ints("s", [0], []).Input("l", DataType.Int64).Ints("d", [1], [])
            .Node("Range", ["s", "l", "d"], ["y"])
            .Analyze();

        Assert.Equal("?", result.ShapeOf("y"));
        Assert.Equal(DataType.Int64, result.Value("y").DataType);
    }

    [Fact]
    public void ZeroDeltaIsAnError()
    {
        var graph = new TestGraph().Ints("s", [0], []).Ints("l", [3], []).Ints("d", [0], []).Node("Range", ["s", "l", "d"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
