using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Linear;

public sealed class DeformConvHandlerTests
{
    [Fact]
    public void ConvMacsPlusBilinearSampling()
    {
        // X 1x2x5x5, W 3x2x3x3, no padding: output 1x3x3x3 (27 outputs). MACs = 27 x 2 x 9 = 486.
        // Samples = N x C x 9 outputs x 9 taps = 162, 7 FLOPs each; bias 27.
        var result = new TestGraph().Input("x", 1, 2, 5, 5).Weight("w", 3, 2, 3, 3).Input("offset", 1, 18, 3, 3).Weight("b", 3)
            .Node("DeformConv", ["x", "w", "offset", "b"], ["y"]).Analyze();

        Assert.Equal("1x3x3x3", result.ShapeOf("y"));
        Assert.Equal(486, result.TotalCost.Macs);
        Assert.Equal((162 * 7) + 27, result.TotalCost.OtherFlops);
    }
}
