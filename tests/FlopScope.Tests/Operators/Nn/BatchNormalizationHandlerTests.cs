using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Nn;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class BatchNormalizationHandlerTests
{
    private static TestGraph WithParameters(TestGraph graph, long channels) =>
        graph.Weight("scale", channels).Weight("b", channels).Weight("mean", channels).Weight("var", channels);

    [Fact]
    public void InferenceCountsAFoldedScaleAndShiftPerElement()
    {
        // test_BatchNorm2d_momentum_eval (opset 6, is_test = 1).
        var result = WithParameters(new TestGraph().Opset(6).Input("x", 2, 3, 6, 6), 3)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y"], ("epsilon", 0.001f), ("is_test", 1), ("momentum", 0.2f))
            .Analyze();

        Assert.Equal("2x3x6x6", result.ShapeOf("y"));
        Assert.Equal(2L * 2 * 3 * 36, result.TotalCost.OtherFlops); // 432
    }

    [Fact]
    public void ThreeDimensionalInput()
    {
        // test_BatchNorm1d_3d_input_eval.
        var result = WithParameters(new TestGraph().Opset(15).Input("x", 4, 5, 3), 5)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y"])
            .Analyze();

        Assert.Equal("4x5x3", result.ShapeOf("y"));
        Assert.Equal(2L * 60, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void TrainingModeComputesStatisticsAndRunningUpdates()
    {
        var result = WithParameters(new TestGraph().Opset(15).Input("x", 2, 3, 4, 4), 3)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y", "running_mean", "running_var"], ("training_mode", 1))
            .Analyze();

        Assert.Equal("2x3x4x4", result.ShapeOf("y"));
        Assert.Equal("3", result.ShapeOf("running_mean"));
        Assert.Equal("3", result.ShapeOf("running_var"));
        Assert.Equal((6L * 96) + (11L * 3), result.TotalCost.OtherFlops); // 609
    }

    [Fact]
    public void BeforeOpset14ListedStatisticsOutputsMeanTraining()
    {
        var result = WithParameters(new TestGraph().Opset(9).Input("x", 1, 2, 2, 2), 2)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y", "m", "v", "sm", "sv"])
            .Analyze();

        Assert.Equal("2", result.ShapeOf("sm"));
        Assert.Equal("2", result.ShapeOf("sv"));
        Assert.Equal((6L * 8) + (11L * 2), result.TotalCost.OtherFlops); // 70
    }

    [Fact]
    public void SpatialZeroBeforeOpset9UsesPerActivationStatistics()
    {
        var result = new TestGraph().Opset(7).Input("x", 2, 3, 4)
            .Weight("scale", 3, 4).Weight("b", 3, 4).Weight("mean", 3, 4).Weight("var", 3, 4)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y", "m"], ("spatial", 0))
            .Analyze();

        Assert.Equal("2x3x4", result.ShapeOf("y"));
        Assert.Equal("3x4", result.ShapeOf("m"));
        Assert.Equal((6L * 24) + (11L * 12), result.TotalCost.OtherFlops); // 276
    }

    [Fact]
    public void ScaleOfTheWrongSizeIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 3, 4, 4).Weight("scale", 4).Weight("b", 3).Weight("mean", 3).Weight("var", 3)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y"]);

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("input 1 has shape 4, expected 3", error.Message);
    }

    [Fact]
    public void HalfPrecisionCountsTheSame()
    {
        var result = WithParameters(new TestGraph().Input("x", DataType.Float16, 1, 8, 2, 2), 8)
            .Node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y"])
            .Analyze();

        Assert.Equal(DataType.Float16, result.Value("y").DataType);
        Assert.Equal(2L * 32, result.TotalCost.OtherFlops);
    }

    [Theory]
    [InlineData(0, InputRole.Data)]
    [InlineData(1, InputRole.Scale)]
    [InlineData(2, InputRole.Scale)]
    [InlineData(3, InputRole.Statistic)]
    [InlineData(4, InputRole.Statistic)]
    public void InputRoles(int index, InputRole role) =>
        Assert.Equal(role, new BatchNormalizationHandler().GetInputRole(index, null!));
}
