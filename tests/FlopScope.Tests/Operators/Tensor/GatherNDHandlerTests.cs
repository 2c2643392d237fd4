using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class GatherNDHandlerTests
{
    [Theory]
    [InlineData(new long[] { 2, 2 }, "2")]        // full index: scalars
    [InlineData(new long[] { 2, 1 }, "2x2")]      // row slices
    [InlineData(new long[] { 3, 1, 2 }, "3x1")]
    public void OutputShape(long[] indexDims, string expected)
    {
        var result = new TestGraph().Input("x", 2, 2).Input("i", DataType.Int64, indexDims)
            .Node("GatherND", ["x", "i"], ["y"])
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void BatchDims()
    {
        // data 2x3x4x5, indices 2x6x1, batch_dims 1 -> 2x6 + data[2:] = 2x6x4x5.
        var result = new TestGraph().Input("x", 2, 3, 4, 5).Input("i", DataType.Int64, 2, 6, 1)
            .Node("GatherND", ["x", "i"], ["y"], ("batch_dims", 1))
            .Analyze();

        Assert.Equal("2x6x4x5", result.ShapeOf("y"));
    }

    [Fact]
    public void IndexTupleLongerThanDataIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 2).Input("i", DataType.Int64, 1, 3).Node("GatherND", ["x", "i"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
