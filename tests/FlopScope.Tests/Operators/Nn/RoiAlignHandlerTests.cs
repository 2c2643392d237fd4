using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class RoiAlignHandlerTests
{
    private static TestGraph Graph() =>
        new TestGraph().Opset(16).Input("x", 1, 256, 50, 50).Input("rois", 10, 4).Input("idx", DataType.Int64, 10);

    [Theory]
    [InlineData("avg", 33)] // 4 samples x (7 bilinear + 1 accumulate) + 1 divide
    [InlineData("max", 32)]
    public void FixedSamplingRatioCountsBilinearSamples(string mode, long perOutput)
    {
        var result = Graph()
            .Node("RoiAlign", ["x", "rois", "idx"], ["y"], ("output_height", 7), ("output_width", 7), ("sampling_ratio", 2), ("mode", mode))
            .Analyze();

        Assert.Equal("10x256x7x7", result.ShapeOf("y"));
        Assert.Equal(10L * 256 * 49 * perOutput, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void AdaptiveSamplingIsNotGuessed()
    {
        var result = Graph().Node("RoiAlign", ["x", "rois", "idx"], ["y"]).Analyze();

        Assert.Equal("10x256x1x1", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("not counted", StringComparison.Ordinal));
    }

    [Fact]
    public void RoiAndIndexCountsMustAgree()
    {
        var graph = new TestGraph().Input("x", 1, 4, 8, 8).Input("rois", 3, 4).Input("idx", DataType.Int64, 2)
            .Node("RoiAlign", ["x", "rois", "idx"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
