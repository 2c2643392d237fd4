using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Nn;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class LayerNormalizationHandlerTests
{
    [Fact]
    public void BertLayerNormWithBias()
    {
        // Per element 5 + scale + bias = 7; per row 5.
        var result = new TestGraph().Input("x", 1, 128, 768).Weight("g", 768).Weight("b", 768)
            .Node("LayerNormalization", ["x", "g", "b"], ["y"], ("epsilon", 1e-12f))
            .Analyze();

        Assert.Equal("1x128x768", result.ShapeOf("y"));
        Assert.Equal((7L * 128 * 768) + (5L * 128), result.TotalCost.OtherFlops); // 688,768
    }

    [Fact]
    public void AxisOneWithoutBiasAndStashOutputs()
    {
        var result = new TestGraph().Input("x", 2, 3, 4).Weight("g", 3, 4)
            .Node("LayerNormalization", ["x", "g"], ["y", "mean", "inv"], ("axis", 1))
            .Analyze();

        Assert.Equal("2x1x1", result.ShapeOf("mean"));
        Assert.Equal("2x1x1", result.ShapeOf("inv"));
        Assert.Equal(DataType.Float, result.Value("mean").DataType);
        Assert.Equal((6L * 24) + (5L * 2), result.TotalCost.OtherFlops); // 154
    }

    [Fact]
    public void NegativeAxisAndStashType()
    {
        var result = new TestGraph().Input("x", DataType.Float16, 2, 3, 4).Weight("g", 3, 4).Weight("b", 3, 4)
            .Node("LayerNormalization", ["x", "g", "b"], ["y", "mean"], ("axis", -2), ("stash_type", 11))
            .Analyze();

        Assert.Equal("2x1x1", result.ShapeOf("mean"));
        Assert.Equal(DataType.Double, result.Value("mean").DataType);
        Assert.Equal(DataType.Float16, result.Value("y").DataType);
        Assert.Equal((7L * 24) + (5L * 2), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AxisOutOfRangeIsAnError()
    {
        var graph = new TestGraph().Input("x", 2, 3).Weight("g", 3).Node("LayerNormalization", ["x", "g"], ["y"], ("axis", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Theory]
    [InlineData(0, InputRole.Data)]
    [InlineData(1, InputRole.Scale)]
    [InlineData(2, InputRole.Scale)]
    public void InputRoles(int index, InputRole role) =>
        Assert.Equal(role, new LayerNormalizationHandler().GetInputRole(index, null!));
}
