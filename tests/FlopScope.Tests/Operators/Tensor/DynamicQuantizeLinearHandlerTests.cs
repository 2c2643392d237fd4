using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class DynamicQuantizeLinearHandlerTests
{
    [Fact]
    public void OutputsAndCost()
    {
        var result = new TestGraph().Input("x", 2, 5).Node("DynamicQuantizeLinear", ["x"], ["y", "s", "zp"]).Analyze();

        Assert.Equal("2x5", result.ShapeOf("y"));
        Assert.Equal(DataType.UInt8, result.Value("y").DataType);
        Assert.Equal("scalar", result.ShapeOf("s"));
        Assert.Equal(DataType.Float, result.Value("s").DataType);
        Assert.Equal("scalar", result.ShapeOf("zp"));
        Assert.Equal(DataType.UInt8, result.Value("zp").DataType);
        Assert.Equal(40, result.TotalCost.OtherFlops);
    }
}
