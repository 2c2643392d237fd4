using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;
using FlopScope.Profiling;
using FlopScope.Tests.Onnx.Loading;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>
/// Every bad input ends as one line on stderr, "error: " plus the library's message, with exit code 2 and nothing on
/// stdout; the library raises the matching <see cref="FlopScopeException"/> subtype.
/// </summary>
public sealed class CliAppTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string Light => Path.Combine(Fixtures.Root, "onnx-backend-tests", "light", "light_squeezenet.onnx");

    public void Dispose() => _folder.Dispose();

    private static void AssertFails(string message, params string[] args)
    {
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: " + message, result.Stderr.TrimEnd('\n', '\r'));
        Assert.Empty(result.Stdout);
    }

    private static CliResult Run(string[] args)
    {
        var run = Task.Run(() => CliRunner.Run(["profile", .. args]));
        Assert.True(run.Wait(TimeSpan.FromSeconds(60)), "the CLI hung");
        return run.Result;
    }

    private string Model(string name, byte[] bytes) => _folder.Write(name, bytes);

    private string Model(string name, TestGraph graph, params string[] outputs) => _folder.Write(name, OnnxWriter.Write(graph.BuildModel(outputs)));

    [Fact]
    public void MissingFile()
    {
        var path = _folder.File("missing.onnx");

        AssertFails($"File not found: '{path}'.", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
    }

    [Fact]
    public void FolderInsteadOfAFile()
    {
        // profile takes folders (every model under them): an empty one names itself; estimate takes one file.
        AssertFails($"no .onnx or .onnx.gz model under '{_folder.Path}'.", _folder.Path);
        var estimate = CliRunner.Run("estimate", _folder.Path, "--device", "t4");
        Assert.Equal(2, estimate.ExitCode);
        Assert.Equal($"error: '{_folder.Path}' is a folder, not an ONNX file.", estimate.Stderr.TrimEnd('\n', '\r'));
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(_folder.Path));
    }

    [Fact]
    public void EmptyFile()
    {
        var path = Model("empty.onnx", []);

        AssertFails($"Not an ONNX model: '{path}' is empty.", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(5000)]
    public void TruncatedFile(int bytes)
    {
        var path = Model("truncated.onnx", File.ReadAllBytes(Light)[..bytes]);

        AssertFails("Not a valid ONNX model (truncated or not protobuf: field of 15586 bytes runs past the end of the data).", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
    }

    [Fact]
    public void TruncatedFixtureAtEveryLengthIsOneCleanError()
    {
        var bytes = File.ReadAllBytes(Light);
        for (var n = 1; n < 4096; n += 7)
        {
            var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes[..n]));
            Assert.StartsWith("Not ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public void TextFile()
    {
        var path = Model("notes.onnx", "hello, this is not a model\n"u8.ToArray());

        AssertFails("Not a valid ONNX model (truncated or not protobuf: invalid field key 108).", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
    }

    [Fact]
    public void PngFile()
    {
        var path = Model("image.onnx", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

        AssertFails("Not a valid ONNX model (truncated or not protobuf: invalid field key 0).", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
    }

    [Fact]
    public void ProtobufWithoutAGraph()
    {
        var path = Model("nograph.onnx", [0x08, 0x07]);   // ir_version = 7 and nothing else

        AssertFails("Not an ONNX model: the file has no graph or no IR version.", path);
    }

    [Fact]
    public void CyclicGraph()
    {
        var path = Model("cycle.onnx", new TestGraph().Input("x", 1, 4).Node("Add", ["x", "b"], ["a"]).Node("Relu", ["a"], ["b"]), "b");

        AssertFails("Invalid graph: it contains a cycle through Add 'Add_0'.", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path).Profile());
    }

    [Fact]
    public void InputThatIsNeverProduced()
    {
        var path = Model("dangling.onnx", new TestGraph().Input("x", 1, 4).Node("Add", ["x", "ghost"], ["y"]), "y");

        AssertFails("Invalid graph: input 'ghost' of Add 'Add_0' is never produced (not a graph input, initializer or node output).", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path).Profile());
    }

    [Fact]
    public void ConvKernelLargerThanThePaddedInput()
    {
        var graph = new TestGraph().Input("x", 1, 3, 4, 4).Weight("W", 8, 3, 7, 7).Node("Conv", ["x", "W"], ["y"], ("pads", new long[] { 1, 1, 1, 1 }));
        var path = Model("kernel.onnx", graph, "y");

        AssertFails("Conv 'Conv_0': kernel extent 7 is larger than the padded input 6 on spatial axis 0", path);
        Assert.Throws<ShapeException>(() => OnnxModel.Load(path).Profile());
    }

    [Fact]
    public void ImageSizeTooSmallForTheModel()
    {
        AssertFails("The export's shapes are fixed at 1x3x224x224, so it cannot be profiled at 1x3x2x2 (Conv 'n0': kernel extent 3 is larger than the padded input 2 on spatial axis 0); re-export with dynamic=True, or use --rescale to scale the 1x3x224x224 profile.", Light, "--input", "data_0=1x3x2x2");
    }

    [Theory]
    [InlineData("Relu", "Relu 'Relu_0': tensor sizes overflow 64-bit arithmetic (absurd dimensions?)")]
    [InlineData("MatMul", "MatMul 'MatMul_0': tensor sizes overflow 64-bit arithmetic (absurd dimensions?)")]
    public void AbsurdDimensionsOverflowCleanly(string op, string message)
    {
        var graph = new TestGraph().Input("x", 1, 1L << 62, 4).Weight("W", 4, 4);
        graph = op == "Relu" ? graph.Node("Relu", ["x"], ["y"]) : graph.Node("MatMul", ["x", "W"], ["y"]);
        var path = Model("absurd.onnx", graph, "y");

        AssertFails(message, path);
        AssertFails(message, path, "--format", "json");
        Assert.Throws<ShapeException>(() => OnnxModel.Load(path).Profile());
    }

    [Fact]
    public void AbsurdImageSizeOverflowsCleanly()
    {
        AssertFails("The export's shapes are fixed at 1x3x224x224, so it cannot be profiled at 1x3x4611686018427387904x4611686018427387904 (Conv 'n0': tensor sizes overflow 64-bit arithmetic (absurd dimensions?)); re-export with dynamic=True, or use --rescale to scale the 1x3x224x224 profile.", Light, "--imgsz", "4611686018427387904");
    }

    [Theory]
    [InlineData("/etc/weights.bin", "is absolute; it must be relative to the model's folder.")]
    [InlineData("../weights.bin", "escapes the model's folder.")]
    public void ExternalDataOutsideTheModelFolder(string location, string problem)
    {
        var path = Model("sub/model.onnx", ExternalDataPathTests.ConvWithExternalWeight(location));

        AssertFails($"Unsafe model: external data path '{location}' of tensor 'W' {problem}", path);
        Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
    }

    [Theory]
    [InlineData("--dim takes NAME=VALUE (e.g. --dim sequence=128), got 'foo'.", "--dim", "foo")]
    [InlineData("--dim sequence: 'abc' is not a non-negative integer.", "--dim", "sequence=abc")]
    [InlineData("--input takes NAME=VALUE (e.g. --input images=1x3x640x640), got 'data_0'.", "--input", "data_0")]
    [InlineData("--input: 'b' is not a non-negative integer.", "--input", "data_0=1x3xbx2")]
    [InlineData("Image size must be positive, got 0x0.", "--imgsz", "0")]
    [InlineData("--imgsz takes one size or H,W (e.g. 640 or 480,640), got 'a,b,c'.", "--imgsz", "a,b,c")]
    [InlineData("--imgsz: '-5' is not a non-negative integer.", "--imgsz", "-5")]
    [InlineData("Unknown convention 'flops'; use default, torchvision or ultralytics.", "--convention", "flops")]
    [InlineData("Unknown format 'xml'; use console, json, csv, markdown, html, svg or png.", "--format", "xml")]
    [InlineData("The model has no input 'images'; its inputs are: data_0.", "--input", "images=1x3x224x224")]
    [InlineData("Batch size must be positive, got 0.", "--batch", "0")]
    [InlineData("--batch: 'x' is not a non-negative integer.", "--batch", "x")]
    [InlineData("--top: 'ten' is not a non-negative integer.", "--top", "ten")]
    [InlineData("--depth: 'x' is not a non-negative integer.", "--depth", "x")]
    [InlineData("Module depth must be at least 1, got 0.", "--depth", "0")]
    [InlineData("Unknown option 'imgsize'.", "--imgsize", "320")]
    public void BadOptionSyntax(string message, params string[] options)
    {
        AssertFails(message, [Light, .. options]);
    }

    [Fact]
    public void UnknownOutputExtension()
    {
        var output = _folder.File("report.txt");

        AssertFails($"Cannot tell the format of '{output}' from its extension; add --format json|csv|markdown|html|svg|png.", Light, "-o", output);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void LibraryRejectsTheSameOptions()
    {
        var model = OnnxModel.Load(Light);

        Assert.Equal("Image size must be positive, got 0x0.", Assert.Throws<FlopScopeException>(() => model.Profile(imgsz: 0)).Message);
        Assert.Equal("The model has no input 'images'; its inputs are: data_0.", Assert.Throws<FlopScopeException>(() =>
            model.Profile(new ProfileOptions { InputShapes = new Dictionary<string, long[]> { ["images"] = [1, 3, 224, 224] } })).Message);
    }

    [Fact]
    public void VersionIsThePackageVersion()
    {
        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("0.1.0", result.Stdout.Trim());
    }
}
