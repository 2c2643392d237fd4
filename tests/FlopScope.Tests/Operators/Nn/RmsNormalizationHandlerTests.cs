using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class RmsNormalizationHandlerTests
{
    [Fact]
    public void FourPerElementAndThreePerRow()
    {
        var result = new TestGraph().Opset(23).Input("x", 2, 3, 8).Weight("s", 8)
            .Node("RMSNormalization", ["x", "s"], ["y"])
            .Analyze();

        Assert.Equal("2x3x8", result.ShapeOf("y"));
        Assert.Equal((4L * 48) + (4L * 6), result.TotalCost.OtherFlops); // 216
    }

    [Fact]
    public void AxisSelectsTheNormalizedTailAndScaleTypeIsTheOutputType()
    {
        var result = new TestGraph().Opset(23).Input("x", DataType.Float16, 2, 3, 8).Input("s", DataType.Float, 3, 8)
            .Node("RMSNormalization", ["x", "s"], ["y"], ("axis", -2))
            .Analyze();

        Assert.Equal(DataType.Float, result.Value("y").DataType);
        Assert.Equal((4L * 48) + (4L * 2), result.TotalCost.OtherFlops);
    }
}
