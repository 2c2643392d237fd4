using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Linear;

public sealed class ConvHandlerTests
{
    [Fact]
    public void Conv2dWithBiasCountsMacsAndBiasAdds()
    {
        // resnet18 stem: 3->64, 7x7, stride 2, pad 3 at 224: output 112x112.
        var result = new TestGraph().Input("x", 1, 3, 224, 224).Weight("w", 64, 3, 7, 7).Weight("b", 64)
            .Node("Conv", ["x", "w", "b"], ["y"], ("kernel_shape", new[] { 7, 7 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 3, 3, 3, 3 }))
            .Analyze();

        Assert.Equal("1x64x112x112", result.ShapeOf("y"));
        Assert.Equal(64L * 112 * 112 * 3 * 49, result.TotalCost.Macs); // 118,013,952: resnet18's stem
        Assert.Equal(64L * 112 * 112, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void DepthwiseGroupsDivideInputChannels()
    {
        var result = new TestGraph().Input("x", 1, 32, 56, 56).Weight("w", 32, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], ("group", 32), ("pads", new[] { 1, 1, 1, 1 }))
            .Analyze();

        Assert.Equal("1x32x56x56", result.ShapeOf("y"));
        Assert.Equal(32L * 56 * 56 * 9, result.TotalCost.Macs);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData("SAME_UPPER", 2, 1, "1x1x4x4")]   // ceil(7/2)
    [InlineData("VALID", 2, 1, "1x1x3x3")]        // ceil((7-3+1)/2)
    [InlineData("NOTSET", 1, 2, "1x1x3x3")]       // dilation 2: extent 5, 7-5+1
    public void AutoPadAndDilation(string autoPad, int stride, int dilation, string expected)
    {
        var result = new TestGraph().Input("x", 1, 1, 7, 7).Weight("w", 1, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], ("auto_pad", autoPad), ("strides", new[] { stride, stride }), ("dilations", new[] { dilation, dilation }))
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
    }

    [Fact]
    public void KernelLargerThanPaddedInputIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 1, 2, 2).Weight("w", 1, 1, 3, 3).Node("Conv", ["x", "w"], ["y"]);

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("kernel extent 3 is larger than the padded input 2", error.Message);
    }
}
