using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class EyeLikeHandlerTests
{
    [Fact]
    public void ShiftedDiagonalValues()
    {
        var result = new TestGraph().Input("x", DataType.Int64, 2, 3).Node("EyeLike", ["x"], ["y"], ("k", 1)).Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new long[] { 0, 1, 0, 0, 0, 1 }, result.IntsOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void DtypeOverridesInputType()
    {
        var result = new TestGraph().Input("x", DataType.Int32, 2, 2).Node("EyeLike", ["x"], ["y"], ("dtype", (int)DataType.Double)).Analyze();

        Assert.Equal(DataType.Double, result.Value("y").DataType);
        Assert.Equal(new[] { 1.0, 0, 0, 1 }, result.Value("y").Value!.Floats);
    }

    [Fact]
    public void NonMatrixIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 2, 2).Node("EyeLike", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
