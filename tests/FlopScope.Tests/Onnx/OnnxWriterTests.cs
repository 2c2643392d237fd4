using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;

namespace FlopScope.Tests.Onnx;

public sealed class OnnxWriterTests : IDisposable
{
    private const string Location = "weights/model.onnx.data";
    private readonly string _folder = Directory.CreateTempSubdirectory("flopscope-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Conv + Relu + Flatten + MatMul + Reshape over a symbolic batch, with external weights (a data file
    /// that is never written), an embedded bias, a shape tensor with values and a Constant node.</summary>
    private static Model Sample()
    {
        TensorDescriptor External(string name, params long[] dims) =>
            new() { Name = name, DataType = DataType.Float, Dims = dims, IsExternal = true, ExternalLocation = Location };

        var initializers = new Dictionary<string, TensorDescriptor>
        {
            ["conv.weight"] = External("conv.weight", 8, 3, 3, 3),
            ["conv.bias"] = new() { Name = "conv.bias", DataType = DataType.Float, Dims = [8] },
            ["fc.weight"] = External("fc.weight", 8 * 16 * 16, 10),
            ["shape"] = new() { Name = "shape", DataType = DataType.Int64, Dims = [2], Values = TensorValue.FromInts([-1, 10]) },
        };
        var scale = new TensorDescriptor { Name = string.Empty, DataType = DataType.Float, Dims = [], Values = TensorValue.FromFloats([0.5]) };
        Node[] nodes =
        [
            new("/conv/Conv", "Conv", string.Empty, ["x", "conv.weight", "conv.bias"], ["c"], new Dictionary<string, AttributeValue>
            {
                ["kernel_shape"] = AttributeValue.Of([3L, 3L]),
                ["pads"] = AttributeValue.Of([1L, 1L, 1L, 1L]),
                ["group"] = AttributeValue.Of(1L),
                ["auto_pad"] = AttributeValue.Of("NOTSET"),
            }),
            new("/act/Relu", "Relu", string.Empty, ["c"], ["r"]),
            new("/Flatten", "Flatten", string.Empty, ["r"], ["f"], new Dictionary<string, AttributeValue> { ["axis"] = AttributeValue.Of(1L) }),
            new("/fc/MatMul", "MatMul", string.Empty, ["f", "fc.weight"], ["m"]),
            new("/scale", "Constant", string.Empty, [], ["s"], new Dictionary<string, AttributeValue> { ["value"] = AttributeValue.Of(scale) }),
            new("/Mul", "Mul", string.Empty, ["m", "s"], ["y0"]),
            new("/Reshape", "Reshape", string.Empty, ["y0", "shape"], ["y"]),
        ];
        var graph = new Graph.Graph("sample", nodes,
            [new ValueInfo("x", DataType.Float, new TensorShape([Dim.Named("batch"), 3, 16, 16]))],
            [new ValueInfo("y", DataType.Float, new TensorShape([Dim.Named("batch"), 10]))],
            initializers);
        return new Model(graph, new Dictionary<string, long> { [string.Empty] = 17 }, irVersion: 8, producerName: "tests");
    }

    private string WriteSample()
    {
        var path = Path.Combine(_folder, "sample.onnx");
        File.WriteAllBytes(path, OnnxWriter.Write(Sample()));
        return path;
    }

    [Fact]
    public void WrittenModelLoadsBackWithTheSameGraph()
    {
        var original = Sample();
        var loaded = OnnxModel.Load(WriteSample()).Model;

        Assert.Equal(8, loaded.IrVersion);
        Assert.Equal(17, loaded.DefaultOpset);
        Assert.Equal("tests", loaded.ProducerName);
        Assert.Equal(original.Graph.Nodes.Count, loaded.Graph.Nodes.Count);
        foreach (var (expected, actual) in original.Graph.Nodes.Zip(loaded.Graph.Nodes))
        {
            Assert.Equal(expected.Name, actual.Name);
            Assert.Equal(expected.OpType, actual.OpType);
            Assert.Equal(expected.Domain, actual.Domain);
            Assert.Equal(expected.Inputs, actual.Inputs);
            Assert.Equal(expected.Outputs, actual.Outputs);
            Assert.Equal(expected.Attributes.Keys.Order(), actual.Attributes.Keys.Order());
            foreach (var (name, value) in expected.Attributes)
            {
                var read = actual.Attributes[name];
                Assert.Equal(value.Kind, read.Kind);
                Assert.Equal(value.Int, read.Int);
                Assert.Equal(value.String, read.String);
                Assert.Equal(value.Ints, read.Ints);
                Assert.Equal(value.Tensor?.Dims, read.Tensor?.Dims);
                Assert.Equal(value.Tensor?.Values?.ToDoubles(), read.Tensor?.Values?.ToDoubles());
            }
        }

        Assert.Equal(original.Graph.Inputs.Select(i => (i.Name, i.DataType, i.Shape)), loaded.Graph.Inputs.Select(i => (i.Name, i.DataType, i.Shape)));
        Assert.Equal(original.Graph.Outputs.Select(o => (o.Name, o.DataType, o.Shape)), loaded.Graph.Outputs.Select(o => (o.Name, o.DataType, o.Shape)));
        Assert.Equal(original.Graph.Initializers.Keys.Order(), loaded.Graph.Initializers.Keys.Order());
        foreach (var (name, expected) in original.Graph.Initializers)
        {
            var actual = loaded.Graph.Initializers[name];
            Assert.Equal(expected.DataType, actual.DataType);
            Assert.Equal(expected.Dims, actual.Dims);
            Assert.Equal(expected.IsExternal, actual.IsExternal);
            Assert.Equal(expected.ExternalLocation, actual.ExternalLocation);
            // Embedded tensors without values are written as zero bytes (small ones then read back as zeros).
            Assert.Equal(expected.Values?.ToDoubles() ?? actual.Values?.ToDoubles().Select(_ => 0d).ToArray(), actual.Values?.ToDoubles());
        }
    }

    [Fact]
    public void ExternalDataIsNeverOpened()
    {
        var path = WriteSample();
        Assert.False(File.Exists(Path.Combine(_folder, Location)));
        Assert.Equal(Location, Assert.Single(OnnxWriter.ExternalFileSizes(Sample())).Key);

        var report = OnnxModel.Load(path).Profile(batch: 2);

        // Conv 8x16x16 outputs x 27 + MatMul 2048x10, per batch row; parameters: conv 216 + 8, fc 20,480.
        Assert.True(report.Summary.IsComplete);
        Assert.Equal(2 * (8 * 16 * 16 * 27 + 8 * 16 * 16 * 10), report.Summary.Macs);
        Assert.Equal(216 + 8 + 20_480, report.Summary.Parameters.Total);
        Assert.False(File.Exists(Path.Combine(_folder, Location)));
    }

    [Fact]
    public void ExternalFileSizesSumTheTensorsOfEachFile()
    {
        var sizes = OnnxWriter.ExternalFileSizes(Sample());

        Assert.Equal((8 * 3 * 3 * 3 + 8 * 16 * 16 * 10) * 4L, sizes[Location]);
    }
}
