using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class NegativeLogLikelihoodLossHandlerTests
{
    [Theory]
    [InlineData("none", false, "3", 3)]
    [InlineData("sum", false, "scalar", 6)]
    [InlineData("mean", false, "scalar", 7)]
    [InlineData("none", true, "3", 6)]
    [InlineData("sum", true, "scalar", 9)]
    [InlineData("mean", true, "scalar", 13)]
    public void ReductionAndWeights(string reduction, bool weighted, string shape, long flops)
    {
        var graph = new TestGraph().Opset(13).Input("x", 3, 5).Input("t", DataType.Int64, 3).Weight("w", 5);
        var inputs = weighted ? new[] { "x", "t", "w" } : ["x", "t"];
        var result = graph.Node("NegativeLogLikelihoodLoss", inputs, ["loss"], ("reduction", reduction)).Analyze();

        Assert.Equal(shape, result.ShapeOf("loss"));
        Assert.Equal(flops, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void SpatialTargets()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 5, 4).Input("t", DataType.Int64, 2, 4)
            .Node("NegativeLogLikelihoodLoss", ["x", "t"], ["loss"], ("reduction", "none"))
            .Analyze();

        Assert.Equal("2x4", result.ShapeOf("loss"));
    }

    [Fact]
    public void TargetsMustMatchScoresOutsideTheClassAxis()
    {
        var graph = new TestGraph().Opset(13).Input("x", 2, 5, 4).Input("t", DataType.Int64, 2, 5)
            .Node("NegativeLogLikelihoodLoss", ["x", "t"], ["loss"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
