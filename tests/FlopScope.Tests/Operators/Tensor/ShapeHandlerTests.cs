using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ShapeHandlerTests
{
    [Fact]
    public void ValueIsTheDimensions()
    {
        var result = new TestGraph().Input("x", 2, 3, 5).Node("Shape", ["x"], ["s"]).Analyze();

        Assert.Equal("3", result.ShapeOf("s"));
        Assert.Equal(DataType.Int64, result.Value("s").DataType);
        Assert.Equal(new long[] { 2, 3, 5 }, result.IntsOf("s"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(1, null, new long[] { 3, 5, 7 })]
    [InlineData(-1, null, new long[] { 7 })]
    [InlineData(0, -1, new long[] { 2, 3, 5 })]
    [InlineData(-10, 10, new long[] { 2, 3, 5, 7 })] // clamped to [0, rank]
    [InlineData(3, 1, new long[] { })]               // empty range
    public void StartAndEndFromOpset15(int start, int? end, long[] expected)
    {
        var attrs = end is { } e ? new (string, object)[] { ("start", start), ("end", e) } : [("start", start)];
        var result = new TestGraph().Opset(15).Input("x", 2, 3, 5, 7).Node("Shape", ["x"], ["s"], attrs).Analyze();

        Assert.Equal(expected.Length.ToString(), result.ShapeOf("s"));
        Assert.Equal(expected, result.IntsOf("s"));
    }

    [Fact]
    public void StartIsIgnoredBeforeOpset15()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 3).Node("Shape", ["x"], ["s"], ("start", 1)).Analyze();

        Assert.Equal(new long[] { 2, 3 }, result.IntsOf("s"));
    }

    [Fact]
    public void ScalarHasEmptyShape()
    {
        var result = new TestGraph().Input("x").Node("Shape", ["x"], ["s"]).Analyze();

        Assert.Equal("0", result.ShapeOf("s"));
        Assert.Empty(result.IntsOf("s"));
    }

    [Fact]
    public void DataDependentDimensionLeavesValueUnknown()
    {
        var result = new TestGraph().Input("x", 3, 4)
            .Node("NonZero", ["x"], ["nz"])
            .Node("Shape", ["nz"], ["s"])
            .Analyze();

        Assert.Equal("2", result.ShapeOf("s"));
        Assert.Null(result.Value("s").Value);
    }
}
