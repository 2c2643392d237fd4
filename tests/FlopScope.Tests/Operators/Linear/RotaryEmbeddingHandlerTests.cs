using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Linear;

public sealed class RotaryEmbeddingHandlerTests
{
    [Fact]
    public void FullRotationCostsThreeFlopsPerElement()
    {
        var result = new TestGraph().Opset(23).Input("x", 1, 4, 6, 16).Weight("cos", 32, 8).Weight("sin", 32, 8).Input("pos", DataType.Int64, 1, 6)
            .Node("RotaryEmbedding", ["x", "cos", "sin", "pos"], ["y"])
            .Analyze();

        Assert.Equal("1x4x6x16", result.ShapeOf("y"));
        Assert.Equal(3L * 4 * 6 * 16, result.TotalCost.OtherFlops);
        Assert.Equal(0, result.TotalCost.Macs);
    }

    [Fact]
    public void PartialRotationCountsOnlyRotatedElements()
    {
        var result = new TestGraph().Opset(23).Input("x", 1, 4, 6, 16).Weight("cos", 32, 4).Weight("sin", 32, 4).Input("pos", DataType.Int64, 1, 6)
            .Node("RotaryEmbedding", ["x", "cos", "sin", "pos"], ["y"], ("rotary_embedding_dim", 8))
            .Analyze();

        Assert.Equal(3L * 4 * 6 * 8, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ThreeDimensionalInputUsesNumHeads()
    {
        var result = new TestGraph().Opset(23).Input("x", 2, 6, 64).Weight("cos", 2, 6, 8).Weight("sin", 2, 6, 8)
            .Node("RotaryEmbedding", ["x", "cos", "sin"], ["y"], ("num_heads", 4))
            .Analyze();

        Assert.Equal("2x6x64", result.ShapeOf("y"));
        Assert.Equal(3L * 2 * 6 * 64, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void RotaryDimensionLargerThanHeadIsAnError()
    {
        var graph = new TestGraph().Opset(23).Input("x", 1, 2, 3, 8).Weight("cos", 3, 8).Weight("sin", 3, 8)
            .Node("RotaryEmbedding", ["x", "cos", "sin"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
