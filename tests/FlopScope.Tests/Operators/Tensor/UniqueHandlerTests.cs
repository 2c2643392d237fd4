using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class UniqueHandlerTests
{
    [Fact]
    public void FlattenedUniqueHasUnknownLength()
    {
        var result = new TestGraph().Input("x", 2, 3).Node("Unique", ["x"], ["y", "idx", "inv", "cnt"]).Analyze();

        Assert.Equal("?", result.ShapeOf("y"));
        Assert.Equal("?", result.ShapeOf("idx"));
        Assert.Equal("6", result.ShapeOf("inv"));
        Assert.Equal("?", result.ShapeOf("cnt"));
        Assert.Equal(DataType.Int64, result.Value("inv").DataType);
        Assert.Equal(6, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AlongAxisKeepsOtherDimensions()
    {
        var result = new TestGraph().Input("x", 4, 3).Node("Unique", ["x"], ["y", "idx", "inv"], ("axis", 0)).Analyze();

        Assert.Equal("?x3", result.ShapeOf("y"));
        Assert.Equal("4", result.ShapeOf("inv"));
    }
}
