using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class BiasActivationHandlerTests
{
    private const string Ms = "com.microsoft";

    [Theory]
    [InlineData("BiasGelu", true, 6)]
    [InlineData("FastGelu", true, 10)]
    [InlineData("FastGelu", false, 9)]
    [InlineData("Gelu", false, 5)]
    [InlineData("QuickGelu", false, 5)]
    public void ActivationPlusBiasPerElement(string op, bool bias, long perElement)
    {
        var result = new TestGraph().Input("x", 2, 3, 8).Weight("b", 8)
            .NodeIn(Ms, op, bias ? ["x", "b"] : ["x"], ["y"])
            .Analyze();

        Assert.Equal("2x3x8", result.ShapeOf("y"));
        Assert.Equal(48 * perElement, result.TotalCost.OtherFlops);
        Assert.Equal(0, result.TotalCost.Macs);
    }

    [Fact]
    public void BiasAddAddsBiasAndSkip()
    {
        var result = new TestGraph().Input("x", 2, 3, 8).Weight("b", 8).Input("skip", 2, 3, 8)
            .NodeIn(Ms, "BiasAdd", ["x", "b", "skip"], ["y"])
            .Analyze();

        Assert.Equal("2x3x8", result.ShapeOf("y"));
        Assert.Equal(96, result.TotalCost.OtherFlops);
    }
}
