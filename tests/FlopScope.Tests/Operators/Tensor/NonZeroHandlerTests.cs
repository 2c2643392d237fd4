using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class NonZeroHandlerTests
{
    [Fact]
    public void CountIsDataDependent()
    {
        var result = new TestGraph().Input("x", 3, 4).Node("NonZero", ["x"], ["y"]).Analyze();

        Assert.Equal("2x?", result.ShapeOf("y"));
        Assert.False(result.Value("y").Shape![1].IsKnown);
        Assert.Equal(DataType.Int64, result.Value("y").DataType);
        Assert.Equal(12, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void KnownValuesGiveIndices()
    {
        // [[1,0],[0,2]]: non-zero at (0,0) and (1,1) -> [[0,1],[0,1]].
        var result = new TestGraph().Ints("v", [1, 0, 0, 2], [2, 2]).Node("NonZero", ["v"], ["y"]).Analyze();

        Assert.Equal("2x2", result.ShapeOf("y"));
        Assert.Equal(new long[] { 0, 1, 0, 1 }, result.IntsOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void OneDimensionalValues()
    {
        var result = new TestGraph().Ints("v", [0, 5, 0, 7, 9]).Node("NonZero", ["v"], ["y"]).Analyze();

        Assert.Equal("1x3", result.ShapeOf("y"));
        Assert.Equal(new long[] { 1, 3, 4 }, result.IntsOf("y"));
    }
}
