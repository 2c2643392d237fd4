using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Elementwise;

public sealed class PReluHandlerTests
{
    [Theory]
    [InlineData(new long[] { 3 }, "2x3x4")]          // PRelu-6: one slope per channel (axis 1), as PyTorch 0.3 exported
    [InlineData(new long[] { 1 }, "2x3x4")]          // one shared slope
    [InlineData(new long[] { 2, 3, 4 }, "2x3x4")]
    public void LegacyOpsetAppliesOneSlopePerChannel(long[] slope, string expected)
    {
        var result = new TestGraph().Opset(6).Input("x", 2, 3, 4).Weight("s", slope).Node("PRelu", ["x", "s"], ["y"]).Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
        Assert.Equal(2 * 24, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LegacyOpsetRejectsASlopeThatIsNotPerChannel()
    {
        var graph = new TestGraph().Opset(6).Input("x", 2, 3, 4).Weight("s", 4).Node("PRelu", ["x", "s"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Theory]
    [InlineData(new long[] { 3, 1, 1 }, "2x3x4x5")]  // PyTorch >= 1.0 exports per-channel slopes as Cx1x1
    [InlineData(new long[] { 5 }, "2x3x4x5")]
    [InlineData(new long[] { 1 }, "2x3x4x5")]
    public void NumpyBroadcastFromOpset7KeepsTheInputShape(long[] slope, string expected)
    {
        var result = new TestGraph().Opset(9).Input("x", 2, 3, 4, 5).Weight("s", slope).Node("PRelu", ["x", "s"], ["y"]).Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
    }

    [Theory]
    [InlineData(new long[] { 3 })]                  // aligns with the last axis (5), not the channels
    [InlineData(new long[] { 2, 2, 3, 4, 5 })]      // would grow the output: slope must broadcast unidirectionally
    public void SlopeThatDoesNotBroadcastToTheInputIsAnError(long[] slope)
    {
        var graph = new TestGraph().Opset(9).Input("x", 2, 3, 4, 5).Weight("s", slope).Node("PRelu", ["x", "s"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
