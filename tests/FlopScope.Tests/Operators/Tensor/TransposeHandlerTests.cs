using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class TransposeHandlerTests
{
    [Fact]
    public void PermReordersDimensions()
    {
        var result = new TestGraph().Input("x", 1, 3, 224, 112)
            .Node("Transpose", ["x"], ["y"], ("perm", new[] { 0, 2, 3, 1 }))
            .Analyze();

        Assert.Equal("1x224x112x3", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void DefaultReversesAxes()
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Node("Transpose", ["x"], ["y"]).Analyze();

        Assert.Equal("4x3x2", result.ShapeOf("y"));
    }

    [Fact]
    public void ValuesArePermuted()
    {
        // [[1,2,3],[4,5,6]] transposed is [[1,4],[2,5],[3,6]].
        var result = new TestGraph().Ints("a", [1, 2, 3, 4, 5, 6], [2, 3]).Node("Transpose", ["a"], ["y"]).Analyze();

        Assert.Equal("3x2", result.ShapeOf("y"));
        Assert.Equal(new long[] { 1, 4, 2, 5, 3, 6 }, result.IntsOf("y"));
    }

    [Fact]
    public void ThreeDimensionalValues()
    {
        // a[i,j,k] = 100i + 10j + k, shape 2x2x3; perm (2,0,1): y[k,i,j] = a[i,j,k].
        var a = new long[] { 0, 1, 2, 10, 11, 12, 100, 101, 102, 110, 111, 112 };
        var result = new TestGraph().Ints("a", a, [2, 2, 3])
            .Node("Transpose", ["a"], ["y"], ("perm", new[] { 2, 0, 1 }))
            .Analyze();

        Assert.Equal("3x2x2", result.ShapeOf("y"));
        Assert.Equal(new long[] { 0, 10, 100, 110, 1, 11, 101, 111, 2, 12, 102, 112 }, result.IntsOf("y"));
    }

    [Theory]
    [InlineData(new[] { 0, 1 })]
    [InlineData(new[] { 0, 0, 1 })]
    [InlineData(new[] { 0, 1, 3 })]
    public void InvalidPermIsAnError(int[] perm)
    {
        var graph = new TestGraph().Input("x", 2, 3, 4).Node("Transpose", ["x"], ["y"], ("perm", perm));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
