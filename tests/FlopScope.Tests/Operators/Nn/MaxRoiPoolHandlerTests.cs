using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class MaxRoiPoolHandlerTests
{
    [Fact]
    public void OutputPerRoiAndCostNotGuessed()
    {
        var result = new TestGraph().Input("x", 1, 256, 50, 50).Input("rois", 8, 5)
            .Node("MaxRoiPool", ["x", "rois"], ["y"], ("pooled_shape", new[] { 7, 7 }), ("spatial_scale", 0.0625f))
            .Analyze();

        Assert.Equal("8x256x7x7", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("not counted", StringComparison.Ordinal));
    }

    [Fact]
    public void RoisNeedFiveColumns()
    {
        var graph = new TestGraph().Input("x", 1, 4, 8, 8).Input("rois", 3, 4)
            .Node("MaxRoiPool", ["x", "rois"], ["y"], ("pooled_shape", new[] { 2, 2 }));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
