using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class LpNormalizationHandlerTests
{
    [Theory]
    [InlineData(2, -1, (3 * 12) + 3)] // 3 vectors of 4: one sqrt each
    [InlineData(1, -1, 3 * 12)]
    [InlineData(2, 0, (3 * 12) + 4)]  // 4 vectors of 3
    public void ThreePerElementAndARootForL2(int p, int axis, long expected)
    {
        var result = new TestGraph().Input("x", 3, 4).Node("LpNormalization", ["x"], ["y"], ("p", p), ("axis", axis)).Analyze();

        Assert.Equal("3x4", result.ShapeOf("y"));
        Assert.Equal(expected, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void OtherOrdersAreAnError()
    {
        var graph = new TestGraph().Input("x", 3, 4).Node("LpNormalization", ["x"], ["y"], ("p", 3));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
