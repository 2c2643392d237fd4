using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class FusedConvHandlerTests
{
    private const string Ms = "com.microsoft";

    [Fact]
    public void ActivationAndResidualAddFlopsPerOutput()
    {
        var result = new TestGraph().Input("x", 1, 3, 8, 8).Weight("w", 4, 3, 3, 3).Weight("b", 4).Input("z", 1, 4, 6, 6)
            .NodeIn(Ms, "FusedConv", ["x", "w", "b", "z"], ["y"], ("activation", "Relu"))
            .Analyze();

        Assert.Equal("1x4x6x6", result.ShapeOf("y"));
        Assert.Equal(144L * 27, result.TotalCost.Macs);
        Assert.Equal(144L * 3, result.TotalCost.OtherFlops); // bias, relu, z
    }

    [Fact]
    public void SigmoidWithoutBias()
    {
        var result = new TestGraph().Input("x", 1, 3, 8, 8).Weight("w", 4, 3, 3, 3)
            .NodeIn(Ms, "FusedConv", ["x", "w"], ["y"], ("activation", "Sigmoid"), ("pads", new[] { 1, 1, 1, 1 }))
            .Analyze();

        Assert.Equal("1x4x8x8", result.ShapeOf("y"));
        Assert.Equal(256L * 3, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void UnknownActivationIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 3, 8, 8).Weight("w", 4, 3, 3, 3)
            .NodeIn(Ms, "FusedConv", ["x", "w"], ["y"], ("activation", "Swish"));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
