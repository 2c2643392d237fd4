using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class EmbedLayerNormalizationHandlerTests
{
    private const string Ms = "com.microsoft";

    [Fact]
    public void SumsEmbeddingsThenNormalizes()
    {
        var result = new TestGraph().Input("ids", DataType.Int32, 2, 5).Input("seg", DataType.Int32, 2, 5)
            .Weight("word", 100, 16).Weight("pos", 64, 16).Weight("segemb", 2, 16).Weight("g", 16).Weight("b", 16)
            .NodeIn(Ms, "EmbedLayerNormalization", ["ids", "seg", "word", "pos", "segemb", "g", "b"], ["y", "mask", "sum"])
            .Analyze();

        Assert.Equal("2x5x16", result.ShapeOf("y"));
        Assert.Equal("2", result.ShapeOf("mask"));
        Assert.Equal(DataType.Int32, result.Value("mask").DataType);
        Assert.Equal("2x5x16", result.ShapeOf("sum"));
        // 160 elements x (2 adds + 7 LayerNorm) + 10 rows x 5.
        Assert.Equal((160L * 9) + 50, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void WithoutSegmentEmbeddings()
    {
        var result = new TestGraph().Input("ids", DataType.Int32, 1, 4)
            .Weight("word", 100, 8).Weight("pos", 64, 8).Weight("g", 8).Weight("b", 8)
            .NodeIn(Ms, "EmbedLayerNormalization", ["ids", "", "word", "pos", "", "g", "b"], ["y"])
            .Analyze();

        Assert.Equal((32L * 8) + 20, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void EmbeddingWidthsMustAgree()
    {
        var graph = new TestGraph().Input("ids", DataType.Int32, 1, 4)
            .Weight("word", 100, 8).Weight("pos", 64, 16).Weight("g", 8).Weight("b", 8)
            .NodeIn(Ms, "EmbedLayerNormalization", ["ids", "", "word", "pos", "", "g", "b"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
