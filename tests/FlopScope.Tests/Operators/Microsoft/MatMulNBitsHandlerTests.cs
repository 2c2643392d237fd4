using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class MatMulNBitsHandlerTests
{
    private const string Ms = "com.microsoft";

    private static TestGraph Graph(long[] bDims, params string[] extraInputs) => new TestGraph().Input("a", 1, 8, 4096)
        .Input("b", DataType.UInt8, bDims).Weight("scales", 4096, 128).Weight("bias", 4096)
        .NodeIn(Ms, "MatMulNBits", ["a", "b", "scales", .. extraInputs], ["y"], ("K", 4096), ("N", 4096), ("bits", 4), ("block_size", 32));

    [Fact]
    public void FourBitWeightsCountFullMatMulAndDequantization()
    {
        // B packed: 4096 x ceil(4096/32) x (32*4/8) = 4096 x 128 x 16.
        var result = Graph([4096, 128, 16]).Analyze();

        Assert.Equal("1x8x4096", result.ShapeOf("y"));
        Assert.Equal(8L * 4096 * 4096, result.TotalCost.Macs); // 134,217,728
        Assert.Equal(4096L * 4096, result.TotalCost.OtherFlops); // one scale multiply per weight
    }

    [Fact]
    public void BiasAddsOneFlopPerOutput()
    {
        var result = Graph([4096, 128, 16], "", "", "bias").Analyze();

        Assert.Equal((4096L * 4096) + (8 * 4096), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void PackedWeightShapeMustMatchAttributes()
    {
        var error = Assert.Throws<ShapeException>(() => Graph([4096, 64, 16]).Analyze());
        Assert.Contains("expected 4096x128x16", error.Message);
    }

    [Fact]
    public void InputWidthMustBeK()
    {
        var graph = new TestGraph().Input("a", 2, 100).Input("b", DataType.UInt8, 64, 4, 16).Weight("scales", 64, 4)
            .NodeIn(Ms, "MatMulNBits", ["a", "b", "scales"], ["y"], ("K", 128), ("N", 64), ("block_size", 32));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void EightBitSmallMatrix()
    {
        // K 100 with block 32: 4 blocks of 32 bytes.
        var result = new TestGraph().Input("a", 3, 100).Input("b", DataType.UInt8, 64, 4, 32).Weight("scales", 64, 4)
            .NodeIn(Ms, "MatMulNBits", ["a", "b", "scales"], ["y"], ("K", 100), ("N", 64), ("bits", 8), ("block_size", 32))
            .Analyze();

        Assert.Equal("3x64", result.ShapeOf("y"));
        Assert.Equal(3L * 64 * 100, result.TotalCost.Macs);
        Assert.Equal(64L * 100, result.TotalCost.OtherFlops);
    }
}
