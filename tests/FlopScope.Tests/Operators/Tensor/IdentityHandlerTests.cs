using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class IdentityHandlerTests
{
    [Fact]
    public void CopiesShapeTypeAndValues()
    {
        var result = new TestGraph().Ints("s", [2, 3, 4])
            .Node("Identity", ["s"], ["y"])
            .Analyze();

        Assert.Equal("3", result.ShapeOf("y"));
        Assert.Equal(DataType.Int64, result.Value("y").DataType);
        Assert.Equal(new long[] { 2, 3, 4 }, result.IntsOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void FloatActivationPassesThroughWithoutCost()
    {
        var result = new TestGraph().Input("x", 1, 8, 16).Node("Identity", ["x"], ["y"]).Analyze();

        Assert.Equal("1x8x16", result.ShapeOf("y"));
        Assert.Null(result.Value("y").Value);
        Assert.Equal(0, result.TotalCost.Macs + result.TotalCost.OtherFlops);
    }
}
