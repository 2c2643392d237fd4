using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class LinearQuantizeHandlerTests
{
    [Fact]
    public void QuantizePerTensorTakesZeroPointType()
    {
        var result = new TestGraph().Input("x", 2, 3).Floats("s", [0.1], []).Input("zp", DataType.Int8)
            .Node("QuantizeLinear", ["x", "s", "zp"], ["y"])
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(DataType.Int8, result.Value("y").DataType);
        Assert.Equal(12, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void QuantizeDefaultsToUInt8()
    {
        var result = new TestGraph().Input("x", 4).Floats("s", [0.1], []).Node("QuantizeLinear", ["x", "s"], ["y"]).Analyze();

        Assert.Equal(DataType.UInt8, result.Value("y").DataType);
    }

    [Fact]
    public void QuantizeOutputDtypeAttribute()
    {
        var result = new TestGraph().Opset(21).Input("x", 4).Floats("s", [0.1], [])
            .Node("QuantizeLinear", ["x", "s"], ["y"], ("output_dtype", (int)DataType.Int4))
            .Analyze();

        Assert.Equal(DataType.Int4, result.Value("y").DataType);
    }

    [Fact]
    public void DequantizePerAxisGivesScaleType()
    {
        var result = new TestGraph().Input("w", DataType.Int8, 64, 3, 3, 3).Input("s", 64).Input("zp", DataType.Int8, 64)
            .Node("DequantizeLinear", ["w", "s", "zp"], ["y"], ("axis", 0))
            .Analyze();

        Assert.Equal("64x3x3x3", result.ShapeOf("y"));
        Assert.Equal(DataType.Float, result.Value("y").DataType);
        Assert.Equal(2 * 64 * 27, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void BlockedScale()
    {
        // x 4x6, axis 1, block 2: scale 4x3.
        var result = new TestGraph().Opset(21).Input("x", DataType.Int4, 4, 6).Input("s", 4, 3)
            .Node("DequantizeLinear", ["x", "s"], ["y"], ("axis", 1), ("block_size", 2))
            .Analyze();

        Assert.Equal("4x6", result.ShapeOf("y"));
        Assert.Equal(48, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void BlockedScaleOfWrongSizeIsAnError()
    {
        var graph = new TestGraph().Opset(21).Input("x", DataType.Int4, 4, 6).Input("s", 4, 3)
            .Node("DequantizeLinear", ["x", "s"], ["y"], ("axis", 1), ("block_size", 4));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void PerAxisScaleOfWrongLengthIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 3).Input("s", 4).Node("QuantizeLinear", ["x", "s"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void StoredDequantizeInputIsAWeight()
    {
        IOperatorHandlerView dequantize = new(new FlopScope.Operators.Tensor.LinearQuantizeHandler(quantize: false));
        IOperatorHandlerView quantize = new(new FlopScope.Operators.Tensor.LinearQuantizeHandler(quantize: true));

        Assert.Equal(InputRole.Weight, dequantize.Role(0));
        Assert.Equal(InputRole.Data, dequantize.Role(1));
        Assert.Equal(InputRole.Data, quantize.Role(0));
    }

    private sealed record IOperatorHandlerView(FlopScope.Operators.IOperatorHandler Handler)
    {
        public InputRole Role(int index) => Handler.GetInputRole(index, null!);
    }
}
