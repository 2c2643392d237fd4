using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class SoftmaxHandlerTests
{
    [Fact]
    public void SoftmaxCountsFivePerElement()
    {
        // test_Softmax: opset 6, axis 1 on 10x20.
        var result = new TestGraph().Opset(6).Input("x", 10, 20).Node("Softmax", ["x"], ["y"], ("axis", 1)).Analyze();

        Assert.Equal("10x20", result.ShapeOf("y"));
        Assert.Equal(5L * 200, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LogSoftmaxAddsOneLogPerRow()
    {
        // test_LogSoftmax: 10 rows of 20.
        var result = new TestGraph().Opset(6).Input("x", 10, 20).Node("LogSoftmax", ["x"], ["y"], ("axis", 1)).Analyze();

        Assert.Equal((5L * 200) + 10, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(11, null, 2)]   // opset 11 default axis 1: coerced to 2 x 12
    [InlineData(11, 2, 6)]      // coerced to 6 x 4
    [InlineData(11, 3, 24)]     // axis = rank: coerced to 24 x 1
    [InlineData(11, -1, 6)]
    [InlineData(13, null, 6)]   // opset 13 default axis -1: 2 x 3 rows along the last axis
    [InlineData(13, 1, 8)]      // along axis 1: 2 x 4 rows
    [InlineData(13, 0, 12)]
    public void LogSoftmaxRowsFollowTheOpsetAxisSemantics(int opset, int? axis, long rows)
    {
        var attributes = axis is { } a ? new (string, object)[] { ("axis", a) } : [];
        var result = new TestGraph().Opset(opset).Input("x", 2, 3, 4).Node("LogSoftmax", ["x"], ["y"], attributes).Analyze();

        Assert.Equal("2x3x4", result.ShapeOf("y"));
        Assert.Equal((5L * 24) + rows, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LogSoftmaxOnAFourDimensionalInputAlongTheLastAxis()
    {
        // test_log_softmax_dim3 (opset 6, axis 3 of 2x3x4x5): 24 rows.
        var result = new TestGraph().Opset(6).Input("x", 2, 3, 4, 5).Node("LogSoftmax", ["x"], ["y"], ("axis", 3)).Analyze();

        Assert.Equal((5L * 120) + 24, result.TotalCost.OtherFlops); // 624
    }

    [Fact]
    public void HardmaxComparesEachElementOnce()
    {
        var result = new TestGraph().Input("x", 3, 4).Node("Hardmax", ["x"], ["y"]).Analyze();

        Assert.Equal("3x4", result.ShapeOf("y"));
        Assert.Equal(12, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(13, 2)]
    [InlineData(13, -3)]
    [InlineData(11, 3)]
    public void AxisOutOfRangeIsAnError(int opset, int axis)
    {
        var graph = new TestGraph().Opset(opset).Input("x", 3, 4).Node("Softmax", ["x"], ["y"], ("axis", axis));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
