using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class SpaceDepthHandlerTests
{
    [Fact]
    public void DepthToSpace()
    {
        var result = new TestGraph().Input("x", 1, 8, 2, 3).Node("DepthToSpace", ["x"], ["y"], ("blocksize", 2), ("mode", "CRD")).Analyze();

        Assert.Equal("1x2x4x6", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void SpaceToDepth()
    {
        var result = new TestGraph().Input("x", 1, 2, 4, 6).Node("SpaceToDepth", ["x"], ["y"], ("blocksize", 2)).Analyze();

        Assert.Equal("1x8x2x3", result.ShapeOf("y"));
    }

    [Fact]
    public void IndivisibleChannelsAreAnError()
    {
        var graph = new TestGraph().Input("x", 1, 6, 2, 3).Node("DepthToSpace", ["x"], ["y"], ("blocksize", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void IndivisibleSpatialIsAnError()
    {
        var graph = new TestGraph().Input("x", 1, 2, 5, 6).Node("SpaceToDepth", ["x"], ["y"], ("blocksize", 2));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
