using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;
using FlopScope.Tests.Support;
using static FlopScope.Tests.Support.ProtoModel;

namespace FlopScope.Tests.Onnx.Loading;

public sealed class ExternalDataPathTests
{
    /// <summary>A Conv whose 8x3x3x3 weight lives in external data at <paramref name="location"/>.</summary>
    internal static byte[] ConvWithExternalWeight(string location)
    {
        var model = new TestGraph().Input("x", 1, 3, 8, 8).Weight("W", 8, 3, 3, 3).Node("Conv", ["x", "W"], ["y"]).BuildModel("y");
        var g = model.Graph;
        var initializers = g.Initializers.ToDictionary(kv => kv.Key, kv => kv.Value with { IsExternal = true, ExternalLocation = location });
        return OnnxWriter.Write(new Model(new Graph.Graph(g.Name, g.Nodes, g.AllDeclaredInputs, g.Outputs, initializers), model.Opsets));
    }

    [Theory]
    [InlineData("weights.bin")]
    [InlineData("data/weights.bin")]
    [InlineData("./data/../weights.bin")]
    [InlineData("data\\weights.bin")]
    public void RelativeLocationInsideTheFolderLoadsWithoutTheDataFile(string location)
    {
        using var folder = new TempFolder();
        var path = folder.Write("model.onnx", ConvWithExternalWeight(location));

        var model = OnnxModel.Load(path);
        var report = model.Profile();

        var w = model.Model.Graph.Initializers["W"];
        Assert.True(w.IsExternal);
        Assert.Equal(location, w.ExternalLocation);
        Assert.False(File.Exists(folder.File("weights.bin")));
        Assert.Equal(8 * 3 * 3 * 3, report.Summary.Parameters.Total);
        Assert.Equal(8L * 6 * 6 * 27, report.Summary.Macs);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\weights.bin")]
    [InlineData("C:\\weights.bin")]
    [InlineData("C:weights.bin")]
    public void AbsoluteLocationIsRejected(string location)
    {
        using var folder = new TempFolder();
        var path = folder.Write("model.onnx", ConvWithExternalWeight(location));

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
        Assert.Equal($"Unsafe model: external data path '{location}' of tensor 'W' is absolute; it must be relative to the model's folder.", e.Message);
    }

    [Theory]
    [InlineData("../weights.bin")]
    [InlineData("data/../../weights.bin")]
    [InlineData("..\\weights.bin")]
    [InlineData("..")]
    public void LocationEscapingTheFolderIsRejected(string location)
    {
        using var folder = new TempFolder();
        var path = folder.Write("sub/model.onnx", ConvWithExternalWeight(location));

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(path));
        Assert.Equal($"Unsafe model: external data path '{location}' of tensor 'W' escapes the model's folder.", e.Message);
    }

    [Fact]
    public void BytesAreCheckedAgainstTheGivenFolder()
    {
        using var folder = new TempFolder();

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(ConvWithExternalWeight("../weights.bin"), "m", folder.Path));
        Assert.Equal("Unsafe model: external data path '../weights.bin' of tensor 'W' escapes the model's folder.", e.Message);
        Assert.True(OnnxModel.Load(ConvWithExternalWeight("weights.bin"), "m", folder.Path).Model.Graph.Initializers["W"].IsExternal);
    }

    [Fact]
    public void ExternalTensorWithoutLocationIsAnInvalidModel()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["w"], ["y"]);
            g.Message(5, Tensor("w", DataType.Float, [4], t => t.Message(13, e => e.String(1, "offset").String(2, "0")).Int(14, 1)));
            Output(g, "y");
        });

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes));
        Assert.Equal("Invalid model: tensor 'w' is marked EXTERNAL but has no 'location'.", e.Message);
    }
}
