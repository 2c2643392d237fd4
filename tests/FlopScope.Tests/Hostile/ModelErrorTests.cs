using System.IO.Compression;
using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Safety;
using FlopScope.Tests.Support;
using static FlopScope.Tests.Support.ProtoModel;

namespace FlopScope.Tests.Hostile;

/// <summary>Issue 12's unclear or missing errors: names defined twice, multi-member gzip, and which handler failures
/// are the model's fault (exit 2) and which are FlopScope's (exit 3).</summary>
public sealed class ModelErrorTests
{
    [Fact]
    public void DuplicateGraphInputIsNamed()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["x"], ["y"]);
            Input(g, "x", 1, 4);
            Input(g, "x", 1, 8);
            Output(g, "y");
        });

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes));

        Assert.Contains("graph input 'x' is declared twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueWrittenByTwoNodesIsNamed()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["x"], ["y"]);
            Node(g, "Sigmoid", ["x"], ["y"]);
            Input(g, "x", 1, 4);
            Output(g, "y");
        });

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes));

        Assert.Contains("value 'y' written by Sigmoid '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NodeOutputShadowingAGraphInputIsNamed()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["x"], ["x"]);
            Input(g, "x", 1, 4);
            Output(g, "x");
        });

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes));

        Assert.Contains("value 'x' written by Relu '", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateGraphOutputIsNamed()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["x"], ["y"]);
            Input(g, "x", 1, 4);
            Output(g, "y");
            Output(g, "y");
        });

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes));

        Assert.Contains("graph output 'y' is listed twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateNamesAreExitTwoOneLine()
    {
        using var folder = new TempFolder();
        var path = folder.Write("dup.onnx", Model(g =>
        {
            Node(g, "Relu", ["x"], ["y"]);
            Input(g, "x", 1, 4);
            Input(g, "x", 1, 4);
            Output(g, "y");
        }));

        var result = CliRunner.Run("profile", path);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("graph input 'x' is declared twice", line, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiMemberGzipIsReadWhole()
    {
        // RFC 1952 section 2.2: a gzip file is a series of members. `cat a.gz b.gz` of the halves of a model is the model.
        var model = HostileModels.ReluChain(2_000);
        var half = model.Length / 2;
        using var folder = new TempFolder();
        var path = folder.Write("two.onnx.gz", [.. Gzip(model[..half]), .. Gzip(model[half..])]);

        var report = OnnxModel.Load(path).Profile(new FlopScope.Profiling.ProfileOptions());

        Assert.Equal(2_000, report.Summary.Nodes);
        Assert.Equal(2_000L * 64, report.Summary.TotalFlops);
    }

    [Fact]
    public void TruncatedMultiMemberGzipSaysSo()
    {
        var model = HostileModels.ReluChain(2_000);
        var half = model.Length / 2;
        byte[] whole = [.. Gzip(model[..half]), .. Gzip(model[half..])];
        using var folder = new TempFolder();
        var path = folder.Write("cut.onnx.gz", whole[..(whole.Length - 100)]);

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));

        Assert.Contains("gzip file is truncated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiMemberGzipStaysBoundedByTheDecompressedLimit()
    {
        // Many small members inflate no further than one big one: the limit counts all of them.
        var member = Gzip(HostileModels.ReluChain(1_000));
        using var folder = new TempFolder();
        var path = folder.Write("many.onnx.gz", [.. Enumerable.Repeat(member, 50).SelectMany(m => m)]);
        using var scope = Limits.Use(Limits.Default with { Decompressed = 100_000 });

        var e = Assert.Throws<LimitExceededException>(() => OnnxModel.Load(path));

        Assert.Equal("decompressed", e.Limit);
    }

    [Fact]
    public void AnAxisFromTheModelPastTheRankIsTheModelsFault()
    {
        // Softmax axis 7 on a rank-2 input: an index taken from the file (IndexOutOfRange or ArgumentOutOfRange inside
        // the handler) is exit 2 naming the node.
        var graph = new Graph.Graph("g", [new Node("s", "Softmax", "", ["x"], ["y"], new Dictionary<string, AttributeValue> { ["axis"] = new() { Kind = AttributeKind.Int, Int = 7 } })],
            [new ValueInfo("x", DataType.Float, new TensorShape(1, 4))], [new ValueInfo("y", DataType.Float, null)], new Dictionary<string, TensorDescriptor>());

        var e = Assert.ThrowsAny<FlopScopeException>(() => FlopScope.Profiling.Profiler.Profile(new Model(graph, new Dictionary<string, long> { [""] = 17 })));

        Assert.Contains("'s'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABugInAHandlerStaysAnInternalError()
    {
        // A handler that dereferences null is FlopScope's bug, whatever the model: it must not be dressed up as
        // "invalid inputs" (exit 2) but reach the CLI as an internal error (exit 3).
        var registry = FlopScope.Operators.OperatorRegistry.CreateDefault();
        registry.Register("", "Relu", new BuggyHandler());
        var graph = new Graph.Graph("g", [new Node("r", "Relu", "", ["x"], ["y"])],
            [new ValueInfo("x", DataType.Float, new TensorShape(1, 4))], [new ValueInfo("y", DataType.Float, null)], new Dictionary<string, TensorDescriptor>());

        Assert.Throws<NullReferenceException>(() => FlopScope.Profiling.Profiler.Profile(new Model(graph, new Dictionary<string, long> { [""] = 17 }), new FlopScope.Profiling.ProfileOptions { Registry = registry }));
    }

    private sealed class BuggyHandler : FlopScope.Operators.IOperatorHandler
    {
        public void Infer(FlopScope.Inference.NodeContext context)
        {
            string? missing = context.Node.Domain.Length == 0 ? null : "x";
            _ = missing!.Length;
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
