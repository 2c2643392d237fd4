using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class StftHandlerTests
{
    [Fact]
    public void SpecExampleWithoutWindow()
    {
        // frames (128 - 16) / 8 + 1 = 15; onesided bins 16 / 2 + 1 = 9; FFT 5 x 16 x 4 = 320 per frame.
        var result = new TestGraph().Opset(17).Input("signal", 1, 128, 1).Ints("step", [8], []).Ints("length", [16], [])
            .Node("STFT", ["signal", "step", "", "length"], ["y"])
            .Analyze();

        Assert.Equal("1x15x9x2", result.ShapeOf("y"));
        Assert.Equal(15L * 320, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void WindowGivesTheFrameLengthAndCostsOneMultiplyPerSample()
    {
        var result = new TestGraph().Opset(17).Input("signal", 2, 128, 1).Ints("step", [8], []).Weight("window", 16)
            .Node("STFT", ["signal", "step", "window"], ["y"], ("onesided", 0))
            .Analyze();

        Assert.Equal("2x15x16x2", result.ShapeOf("y"));
        Assert.Equal(2L * 15 * (320 + 16), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void FrameLongerThanSignalIsAnError()
    {
        var graph = new TestGraph().Opset(17).Input("signal", 1, 8, 1).Ints("step", [1], []).Ints("length", [16], [])
            .Node("STFT", ["signal", "step", "", "length"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void WindowAndFrameLengthMustAgree()
    {
        var graph = new TestGraph().Opset(17).Input("signal", 1, 64, 1).Ints("step", [8], []).Weight("window", 8).Ints("length", [16], [])
            .Node("STFT", ["signal", "step", "window", "length"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
