using System.Buffers.Binary;
using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;
using FlopScope.Profiling;
using FlopScope.Tests.Support;
using static FlopScope.Tests.Support.ProtoModel;

namespace FlopScope.Tests.Onnx.Loading;

public sealed class OnnxProtoParserTests
{
    private static OnnxModel Light(string name) => OnnxModel.Load(Path.Combine(Fixtures.Root, "onnx-backend-tests", "light", name + ".onnx"));

    public static TheoryData<string> LightModels => new(Directory.GetFiles(Path.Combine(Fixtures.Root, "onnx-backend-tests", "light"), "*.onnx")
        .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(LightModels))]
    public void Ir3InitializersListedAsInputsAreNotFedInputs(string name)
    {
        var model = Light(name);
        var graph = model.Model.Graph;

        Assert.Equal(3, model.Model.IrVersion);
        // Every initializer is also declared as a graph input, as IR 3 required; only the image is fed.
        Assert.All(graph.Initializers.Keys, k => Assert.Contains(graph.AllDeclaredInputs, i => i.Name == k));
        Assert.Equal(graph.Initializers.Count + 1, graph.AllDeclaredInputs.Count);
        var input = Assert.Single(graph.Inputs);
        var bound = Assert.Single(model.Profile().Inputs);
        Assert.Equal(input.Name, bound.Name);
        Assert.Equal(input.Shape, bound.Shape);
    }

    [Fact]
    public void ConstantOfShapeWeightsOfAlexNetSumToItsKnownParameterCount()
    {
        var model = Light("light_bvlc_alexnet");
        var graph = model.Model.Graph;

        // By hand from the stored shapes: each weight is ConstantOfShape(<name>__SHAPE), so its size is the product of
        // that initializer's values (conv1 96x3x11x11 + 96, ..., fc8 1000x4096 + 1000).
        var byHand = graph.Nodes.Where(n => n.OpType == "ConstantOfShape")
            .Sum(n => graph.Initializers[n.Inputs[0]].Values!.ToLongs().Aggregate(1L, (a, d) => a * d));
        var report = model.Profile();

        Assert.Equal(16, graph.Nodes.Count(n => n.OpType == "ConstantOfShape"));
        Assert.Equal(60_965_224, byHand);
        Assert.Equal(60_965_224, report.Summary.Parameters.Total);
        Assert.Equal(60_965_224, report.Summary.Parameters.Trainable);
        Assert.Equal(60_965_224L * 4, report.Summary.Parameters.Bytes);
        // conv1's layer carries its 96x3x11x11 weights and 96 biases.
        Assert.Equal(96 * 3 * 11 * 11 + 96, report.Layers.First(l => l.Op == "Conv").Parameters);
    }

    [Fact]
    public void ConstantOfShapeWeightsOfVgg19SumToItsKnownParameterCount()
    {
        var report = Light("light_vgg19").Profile();

        Assert.Equal(143_667_240, report.Summary.Parameters.Total);
        Assert.Equal(143_667_240, report.Summary.Parameters.Trainable);
    }

    [Fact]
    public void ShapeOperandsOfConstantOfShapeAreNotParameters()
    {
        // light_resnet50 keeps BN statistics as float initializers: total includes them, trainable does not.
        var report = Light("light_resnet50").Profile();

        Assert.Equal(25_557_032, report.Summary.Parameters.Trainable);
        Assert.Equal(25_610_152, report.Summary.Parameters.Total);
    }

    [Fact]
    public void ConstantNodeWeightsCountAsTrainableParameters()
    {
        // paddle2onnx style: Conv's W and B are Constant node outputs, not initializers.
        var model = new TestGraph()
            .Input("x", 1, 3, 8, 8)
            .Node("Constant", [], ["W"], ("value", new TensorDescriptor { Name = "W", DataType = DataType.Float, Dims = [4, 3, 3, 3] }))
            .Node("Constant", [], ["B"], ("value", new TensorDescriptor { Name = "B", DataType = DataType.Float, Dims = [4] }))
            .Node("Constant", [], ["k"], ("value", new TensorDescriptor { Name = "k", DataType = DataType.Float, Dims = [], Values = TensorValue.FromFloats([0.5]) }))
            .Node("Conv", ["x", "W", "B"], ["c"])
            .Node("Mul", ["c", "k"], ["y"])
            .BuildModel("y");

        var loaded = OnnxModel.Load(OnnxWriter.Write(model));
        var report = loaded.Profile();

        Assert.Empty(loaded.Model.Graph.Initializers);
        Assert.Equal(4 * 3 * 3 * 3 + 4, report.Summary.Parameters.Total);      // the scalar factor is a literal, not a weight
        Assert.Equal(4 * 3 * 3 * 3 + 4, report.Summary.Parameters.Trainable);
        var conv = Assert.Single(report.Layers, l => l.Op == "Conv");
        Assert.True(conv.WeightBearing);
        Assert.Equal(4L * 6 * 6 * 3 * 3 * 3, conv.Macs);
    }

    [Fact]
    public void SparseInitializerHasItsDenseShape()
    {
        // W: a 4x3 sparse_initializer with two stored values at flat indices 1 and 7.
        var bytes = Model(g =>
        {
            Node(g, "MatMul", ["x", "W"], ["y"]);
            g.Message(15, s => s
                .Message(1, Tensor("W", DataType.Float, [2], t => t.PackedFloats(4, [1f, 2f])))
                .Message(2, Tensor("W_indices", DataType.Int64, [2], t => t.PackedInts(7, [1, 7])))
                .PackedInts(3, [4, 3]));
            Input(g, "x", 2, 4);
            Output(g, "y");
        });

        var model = OnnxModel.Load(bytes);
        var w = model.Model.Graph.Initializers["W"];
        var report = model.Profile();

        Assert.Equal(new long[] { 4, 3 }, w.Dims);
        Assert.Equal(DataType.Float, w.DataType);
        Assert.Equal("2x3", report.Layers[0].Outputs[0]);
        Assert.Equal(2 * 4 * 3, report.Summary.Macs);
        Assert.Equal(12, report.Summary.Parameters.Total);   // counted at its dense size, like any initializer
        Assert.True(report.Summary.IsComplete);
    }

    [Fact]
    public void NegativeDimensionOfAStoredTensorIsAnInvalidModel()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["w"], ["y"]);
            g.Message(5, Tensor("w", DataType.Float, [2, -1]));
            Output(g, "y");
        });

        var e = Assert.Throws<InvalidModelException>(() => OnnxModel.Load(bytes));
        Assert.Equal("Invalid tensor 'w': negative dimension in 2x-1.", e.Message);
    }

    [Fact]
    public void NegativeDimensionOfAnInputIsReportedAsNegative()
    {
        var bytes = Model(g =>
        {
            Node(g, "Relu", ["x"], ["y"]);
            Input(g, "x", 2, -1);
            Output(g, "y");
        });

        var model = OnnxModel.Load(bytes);

        // Issue 12: it used to read as a symbol "dim1" and fail as an unbound symbolic dimension.
        Assert.Equal("2x?", model.Model.Graph.Inputs[0].Shape!.ToString());
        var e = Assert.Throws<ShapeException>(() => model.Profile());
        Assert.Equal("Input 'x' axis 1 declares a negative dimension (-1), which is not a size; give the whole shape with --input x=2xN.", e.Message);
        Assert.Equal("2x5", model.Profile(new ProfileOptions { InputShapes = new Dictionary<string, long[]> { ["x"] = [2, 5] } }).Layers[0].Outputs[0]);
    }

    public static TheoryData<DataType, int, long[]> IntegerPayloads => new()
    {
        { DataType.Int64, 7, [2, -1, 0, 4_000_000_000] },
        { DataType.Int32, 5, [2, -1, 0, 7] },
        { DataType.Int8, 5, [2, -1, 0, 7] },
        { DataType.UInt8, 5, [2, 255, 0, 7] },
        { DataType.Bool, 5, [1, 0, 0, 1] },
    };

    [Theory]
    [MemberData(nameof(IntegerPayloads))]
    public void TypedAndRawIntegerPayloadsDecodeToTheSameValues(DataType type, int typedField, long[] values)
    {
        var typed = InitializerValues(type, [values.Length], t => t.PackedInts(typedField, values));
        var raw = InitializerValues(type, [values.Length], t => t.Bytes(9, Raw(type, values)));

        Assert.Equal(values, typed!.ToLongs());
        Assert.Equal(values, raw!.ToLongs());
    }

    [Fact]
    public void TypedAndRawFloatScalarsDecodeToTheSameValue()
    {
        var typedFloat = InitializerValues(DataType.Float, [], t => t.PackedFloats(4, [0.25f]));
        var rawFloat = InitializerValues(DataType.Float, [], t => t.Bytes(9, BitConverter.GetBytes(0.25f)));
        byte[] doubles = [.. BitConverter.GetBytes(1.5), .. BitConverter.GetBytes(-2.0)];
        var typedDouble = InitializerValues(DataType.Double, [2], t => t.Bytes(10, doubles));   // packed double_data
        var rawDouble = InitializerValues(DataType.Double, [2], t => t.Bytes(9, doubles));

        Assert.Equal([0.25], typedFloat!.ToDoubles());
        Assert.Equal([0.25], rawFloat!.ToDoubles());
        Assert.Equal([1.5, -2.0], typedDouble!.ToDoubles());
        Assert.Equal([1.5, -2.0], rawDouble!.ToDoubles());
    }

    [Fact]
    public void TypedAndRawShapeOperandsInferTheSameShape()
    {
        long[] shape = [4, -1];
        string Reshaped(Action<MessageWriter> payload) => OnnxModel.Load(Model(g =>
        {
            Node(g, "Reshape", ["x", "s"], ["y"]);
            g.Message(5, Tensor("s", DataType.Int64, [2], payload));
            Input(g, "x", 2, 3, 4);
            Output(g, "y");
        })).Profile().Layers[0].Outputs[0];

        Assert.Equal("4x6", Reshaped(t => t.PackedInts(7, shape)));
        Assert.Equal("4x6", Reshaped(t => t.Bytes(9, Raw(DataType.Int64, shape))));
    }

    private static TensorValue? InitializerValues(DataType type, long[] dims, Action<MessageWriter> payload) =>
        OnnxModel.Load(Model(g =>
        {
            Node(g, "Identity", ["c"], ["y"]);
            g.Message(5, Tensor("c", type, dims, payload));
            Output(g, "y");
        })).Model.Graph.Initializers["c"].Values;

    private static byte[] Raw(DataType type, long[] values)
    {
        var size = type.BitsPerElement() / 8;
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var span = bytes.AsSpan(i * size, size);
            switch (size)
            {
                case 8: BinaryPrimitives.WriteInt64LittleEndian(span, values[i]); break;
                case 4: BinaryPrimitives.WriteInt32LittleEndian(span, (int)values[i]); break;
                default: span[0] = unchecked((byte)values[i]); break;
            }
        }

        return bytes;
    }
}
