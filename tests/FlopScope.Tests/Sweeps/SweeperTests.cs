using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Profiling;
using FlopScope.Sweeps;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Sweeps;

public sealed class SweeperTests
{
    [Fact]
    public void ConvNetFlopsAreQuadraticInImageSize()
    {
        // One 3x3 conv, 1 -> 8 channels, padding 1 at S x S: MACs = 8 x 9 x S^2, FLOPs = 144 S^2.
        var model = new Model(new Graph.Graph("conv", [new Node("c", "Conv", "", ["x", "w"], ["y"], new Dictionary<string, AttributeValue>
            {
                ["pads"] = AttributeValue.Of([1L, 1, 1, 1]),
            })],
            [new ValueInfo("x", DataType.Float, new TensorShape([Dim.Of(1), Dim.Of(1), Dim.Named("height"), Dim.Named("width")]))],
            [new ValueInfo("y", DataType.Float, null)],
            new Dictionary<string, TensorDescriptor> { ["w"] = new() { Name = "w", DataType = DataType.Float, Dims = [8, 1, 3, 3] } }),
            new Dictionary<string, long> { [""] = 17 });

        var result = Sweeper.Run(model, new ProfileOptions(), "imgsz", [32, 64, 96, 128]);

        Assert.Null(result.Reason);
        Assert.Equal("144 S^2", result.Fits["FLOPs"]!.ToString("S"));
        Assert.Equal("72", result.Fits["parameters"]!.ToString("S"));
        // Peak activations: input (4 S^2 bytes) + output (32 S^2 bytes).
        Assert.Equal("36 S^2", result.Fits["peak activation bytes"]!.ToString("S"));
    }

    [Fact]
    public void TransformerBlockIsLinearPlusQuadraticInSequence()
    {
        // q = x W (64 x 64): 4,096 S MACs; scores = q q^T: 64 S^2 MACs. FLOPs = 8,192 S + 128 S^2.
        var model = new Model(new Graph.Graph("attention",
            [
                new Node("proj", "MatMul", "", ["x", "w"], ["q"]),
                new Node("t", "Transpose", "", ["q"], ["qt"], new Dictionary<string, AttributeValue> { ["perm"] = AttributeValue.Of([0L, 2, 1]) }),
                new Node("scores", "MatMul", "", ["q", "qt"], ["s"]),
            ],
            [new ValueInfo("x", DataType.Float, new TensorShape([Dim.Of(1), Dim.Named("sequence"), Dim.Of(64)]))],
            [new ValueInfo("s", DataType.Float, null)],
            new Dictionary<string, TensorDescriptor> { ["w"] = new() { Name = "w", DataType = DataType.Float, Dims = [64, 64] } }),
            new Dictionary<string, long> { [""] = 17 });

        var result = Sweeper.Run(model, new ProfileOptions(), "sequence", [128, 256, 512, 1024]);

        Assert.Equal("8,192 S + 128 S^2", result.Fits["FLOPs"]!.ToString("S"));
    }

    [Fact]
    public void BertFlopsOverSequence()
    {
        // Per layer: QKV, output and FFN products 7,077,888 S MACs; Q x K^T and A x V 2 x 12 x 64 S^2 = 1,536 S^2.
        // Twelve layers: MACs = 84,934,656 S + 18,432 S^2, so FLOPs = 169,869,312 S + 36,864 S^2.
        var result = Sweeper.Run(ModelCache.Fixture("bert_base").Model, new ProfileOptions(), "sequence", [64, 128, 256, 384]);

        Assert.Equal("169,869,312 S + 36,864 S^2", result.Fits["FLOPs"]!.ToString("S"));
        Assert.Equal(0, result.Fits["parameters"]!.Degree);
    }

    [Fact]
    public void IncompleteProfilesAreNotFitted()
    {
        var model = new TestGraph().Input("x", 1, 8).Node("NoSuchOp", ["x"], ["y"]).BuildModel("y");

        var result = Sweeper.Run(model, new ProfileOptions(), "batch", [1, 2, 3]);

        Assert.StartsWith("not fitted", result.Reason);
        Assert.All(result.Fits.Values, Assert.Null);
    }

    [Theory]
    [InlineData("imgsz")]
    [InlineData("imgsz=640")]
    [InlineData("imgsz=320,320")]
    [InlineData("=320,640")]
    [InlineData("sequence=128,abc")]
    public void BadSweepSyntaxIsAOneLineError(string text)
    {
        var error = Assert.Throws<FlopScopeException>(() => Sweeper.Parse(text));

        Assert.StartsWith("--sweep takes NAME=SIZE,SIZE,...", error.Message);
    }
}
