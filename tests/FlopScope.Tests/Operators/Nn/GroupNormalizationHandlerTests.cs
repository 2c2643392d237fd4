using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class GroupNormalizationHandlerTests
{
    [Fact]
    public void Opset18ScalesPerGroup()
    {
        var result = new TestGraph().Opset(18).Input("x", 2, 4, 2, 2).Weight("s", 2).Weight("b", 2)
            .Node("GroupNormalization", ["x", "s", "b"], ["y"], ("num_groups", 2))
            .Analyze();

        Assert.Equal("2x4x2x2", result.ShapeOf("y"));
        Assert.Equal((7L * 32) + (5L * 4), result.TotalCost.OtherFlops); // 244
    }

    [Fact]
    public void Opset21ScalesPerChannel()
    {
        var result = new TestGraph().Opset(21).Input("x", 1, 32, 8, 8).Weight("s", 32).Weight("b", 32)
            .Node("GroupNormalization", ["x", "s", "b"], ["y"], ("num_groups", 8))
            .Analyze();

        Assert.Equal((7L * 2048) + (5L * 8), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Opset18RejectsPerChannelScale()
    {
        var graph = new TestGraph().Opset(18).Input("x", 2, 4, 2, 2).Weight("s", 4).Weight("b", 4)
            .Node("GroupNormalization", ["x", "s", "b"], ["y"], ("num_groups", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void GroupsMustDivideChannels()
    {
        var graph = new TestGraph().Opset(21).Input("x", 2, 4, 2, 2).Weight("s", 4).Weight("b", 4)
            .Node("GroupNormalization", ["x", "s", "b"], ["y"], ("num_groups", 3));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("num_groups 3 does not divide the 4 channels", error.Message);
    }
}
