using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class PoolHandlerTests
{
    [Fact]
    public void ResnetStemMaxPoolCountsOneComparisonPerWindowElement()
    {
        // 112 + 2 - 3 = 111, / 2 = 55, + 1 = 56.
        var result = new TestGraph().Input("x", 1, 64, 112, 112)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }))
            .Analyze();

        Assert.Equal("1x64x56x56", result.ShapeOf("y"));
        Assert.Equal(64L * 56 * 56 * 9, result.TotalCost.OtherFlops); // 1,806,336
        Assert.Equal(0, result.TotalCost.Macs);
    }

    [Fact]
    public void MaxPool1dWithDilationMatchesTheBackendCase()
    {
        // test_MaxPool1d_stride_padding_dilation: 220000 + 200 - (10 x 199 + 1) = 218209, / 10 = 21820, + 1.
        var result = new TestGraph().Opset(12).Input("x", 1, 1, 220000)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 200 }), ("strides", new[] { 10 }), ("pads", new[] { 100, 100 }), ("dilations", new[] { 10 }))
            .Analyze();

        Assert.Equal("1x1x21821", result.ShapeOf("y"));
        Assert.Equal(21821L * 200, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void MaxPool2dWithDilationAndAsymmetricKernelMatchesTheBackendCase()
    {
        // test_MaxPool2d_stride_padding_dilation: H (1020 - 591) / 10 + 1 = 43, W (1040 - 791) / 10 + 1 = 25.
        var result = new TestGraph().Opset(12).Input("x", 1, 1, 1000, 1000)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 60, 80 }), ("strides", new[] { 10, 10 }), ("pads", new[] { 10, 20, 10, 20 }), ("dilations", new[] { 10, 10 }))
            .Analyze();

        Assert.Equal("1x1x43x25", result.ShapeOf("y"));
        Assert.Equal(43L * 25 * 60 * 80, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void MaxPool3dWithPaddingMatchesTheBackendCase()
    {
        var result = new TestGraph().Opset(6).Input("x", 2, 3, 5, 5, 5)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 2, 2, 2 }), ("strides", new[] { 2, 2, 2 }), ("pads", new[] { 1, 1, 1, 1, 1, 1 }))
            .Analyze();

        Assert.Equal("2x3x3x3x3", result.ShapeOf("y"));
        Assert.Equal(2L * 3 * 27 * 8, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(0, "1x1x1x1")] // floor((4 - 3) / 2) + 1
    [InlineData(1, "1x1x2x2")] // ceil((4 - 3) / 2) + 1: the ONNX spec's maxpool_2d_ceil example
    public void CeilModeRoundsTheLastWindowUp(int ceilMode, string expected)
    {
        var result = new TestGraph().Input("x", 1, 1, 4, 4)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("ceil_mode", ceilMode))
            .Analyze();

        Assert.Equal(expected, result.ShapeOf("y"));
    }

    [Fact]
    public void CeilModeDropsAWindowThatWouldStartInTheRightPadding()
    {
        // padded 5, ceil(3 / 2) + 1 = 3, but window 3 starts at 4 = input size: dropped.
        var result = new TestGraph().Input("x", 1, 1, 4)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 2 }), ("strides", new[] { 2 }), ("pads", new[] { 0, 1 }), ("ceil_mode", 1))
            .Analyze();

        Assert.Equal("1x1x2", result.ShapeOf("y"));
    }

    [Fact]
    public void MaxPoolIndicesOutputIsInt64OfTheOutputShape()
    {
        var result = new TestGraph().Opset(8).Input("x", 1, 2, 4, 4)
            .Node("MaxPool", ["x"], ["y", "i"], ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }), ("storage_order", 1))
            .Analyze();

        Assert.Equal("1x2x2x2", result.ShapeOf("i"));
        Assert.Equal(DataType.Int64, result.Value("i").DataType);
        Assert.Equal(DataType.Float, result.Value("y").DataType);
        Assert.Equal(8L * 4, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void SameUpperAutoPadKeepsCeilOfInputOverStride()
    {
        var result = new TestGraph().Input("x", 1, 1, 5, 5)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("auto_pad", "SAME_UPPER"))
            .Analyze();

        Assert.Equal("1x1x3x3", result.ShapeOf("y"));
    }

    [Fact]
    public void IntegerMaxPoolCountsNoFlops()
    {
        var result = new TestGraph().Opset(12).Input("x", DataType.UInt8, 1, 3, 8, 8)
            .Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }))
            .Analyze();

        Assert.Equal("1x3x4x4", result.ShapeOf("y"));
        Assert.Equal(DataType.UInt8, result.Value("y").DataType);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AveragePool3dCountsAddsAndOneDividePerOutput()
    {
        // test_AvgPool3d_stride1_pad0_gpu_input: 4 - 3 + 1 = 2 per axis; 27 adds + 1 divide per output.
        var result = new TestGraph().Opset(6).Input("x", 2, 3, 4, 4, 4)
            .Node("AveragePool", ["x"], ["y"], ("kernel_shape", new[] { 3, 3, 3 }), ("strides", new[] { 1, 1, 1 }), ("pads", new[] { 0, 0, 0, 0, 0, 0 }))
            .Analyze();

        Assert.Equal("2x3x2x2x2", result.ShapeOf("y"));
        Assert.Equal(2L * 3 * 8 * 28, result.TotalCost.OtherFlops); // 1344
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void AveragePoolCountIncludePadDoesNotChangeShapeOrCost(int countIncludePad)
    {
        var result = new TestGraph().Input("x", 2, 3, 6, 6)
            .Node("AveragePool", ["x"], ["y"], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("pads", new[] { 1, 1, 1, 1 }), ("count_include_pad", countIncludePad))
            .Analyze();

        Assert.Equal("2x3x3x3", result.ShapeOf("y")); // (6 + 2 - 3) / 2 + 1
        Assert.Equal(2L * 3 * 9 * 10, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AveragePoolCeilMode()
    {
        // (6 - 3) / 2 = 1.5: floor 2 outputs, ceil 3 (the last window starts at 4 < 6).
        var result = new TestGraph().Input("x", 1, 1, 6, 6)
            .Node("AveragePool", ["x"], ["y"], ("kernel_shape", new[] { 3, 3 }), ("strides", new[] { 2, 2 }), ("ceil_mode", 1))
            .Analyze();

        Assert.Equal("1x1x3x3", result.ShapeOf("y"));
    }

    [Fact]
    public void LpPoolCountsThreePerWindowElementAndARoot()
    {
        var result = new TestGraph().Opset(11).Input("x", 1, 2, 4, 4)
            .Node("LpPool", ["x"], ["y"], ("kernel_shape", new[] { 2, 2 }), ("strides", new[] { 2, 2 }), ("p", 3))
            .Analyze();

        Assert.Equal("1x2x2x2", result.ShapeOf("y"));
        Assert.Equal(8L * ((3 * 4) + 1), result.TotalCost.OtherFlops); // 104
    }

    [Fact]
    public void InputWithoutSpatialAxesIsAnError()
    {
        var graph = new TestGraph().Input("x", 4, 8).Node("MaxPool", ["x"], ["y"], ("kernel_shape", new[] { 2 }));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("no spatial axes", error.Message);
    }

    [Fact]
    public void KernelRankMustMatchSpatialRank()
    {
        var graph = new TestGraph().Input("x", 1, 1, 8, 8).Node("AveragePool", ["x"], ["y"], ("kernel_shape", new[] { 2 }));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("kernel_shape has 1 sizes for 2 spatial axes", error.Message);
    }

    [Fact]
    public void MissingKernelShapeIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 1, 8, 8).Node("MaxPool", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
