using FlopScope.Errors;
using FlopScope.Operators.Nn;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class DftHandlerTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(8, 120)]  // 5 x 8 x 3
    [InlineData(10, 166)] // 5 x 10 x 3.3219 = 166.1
    public void FftEstimate(long length, long expected) => Assert.Equal(expected, DftHandler.FftFlops(length));

    [Fact]
    public void Opset17RealInputAlongTheDefaultAxis()
    {
        var result = new TestGraph().Opset(17).Input("x", 1, 10, 10, 1).Node("DFT", ["x"], ["y"]).Analyze();

        Assert.Equal("1x10x10x2", result.ShapeOf("y"));
        Assert.Equal(10L * 166, result.TotalCost.OtherFlops); // 10 vectors along axis 1
    }

    [Fact]
    public void Opset17OnesidedWithDftLength()
    {
        var result = new TestGraph().Opset(17).Input("x", 2, 16, 1).Ints("n", [8], [])
            .Node("DFT", ["x", "n"], ["y"], ("onesided", 1))
            .Analyze();

        Assert.Equal("2x5x2", result.ShapeOf("y")); // 8 / 2 + 1
        Assert.Equal(2L * 120, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset20AxisInput()
    {
        var result = new TestGraph().Opset(20).Input("x", 3, 4, 8, 2).Ints("axis", [2], [])
            .Node("DFT", ["x", "", "axis"], ["y"], ("inverse", 1))
            .Analyze();

        Assert.Equal("3x4x8x2", result.ShapeOf("y"));
        Assert.Equal(12L * 120, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset20DefaultAxisIsTheLastSignalAxis()
    {
        var result = new TestGraph().Opset(20).Input("x", 4, 3, 8, 1).Node("DFT", ["x"], ["y"]).Analyze();

        Assert.Equal("4x3x8x2", result.ShapeOf("y"));
        Assert.Equal(12L * 120, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset20InverseOnesidedIsARealSignalOfTwiceTheBins()
    {
        // IRFFT: 5 bins -> dft_length 2 x (5 - 1) = 8, real output.
        var result = new TestGraph().Opset(20).Input("x", 1, 5, 2).Node("DFT", ["x"], ["y"], ("inverse", 1), ("onesided", 1)).Analyze();

        Assert.Equal("1x8x1", result.ShapeOf("y"));
        Assert.Equal(120, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void TheComplexAxisCannotBeTransformed()
    {
        var graph = new TestGraph().Opset(17).Input("x", 1, 8, 2).Node("DFT", ["x"], ["y"], ("axis", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void LastDimensionMustBeRealOrComplex()
    {
        var graph = new TestGraph().Opset(17).Input("x", 1, 8, 3).Node("DFT", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
