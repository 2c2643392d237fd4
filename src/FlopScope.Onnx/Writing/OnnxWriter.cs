using FlopScope.Graph;

namespace FlopScope.Onnx.Writing;

/// <summary>
/// Serializes a graph model to ONNX bytes: for tests, benchmarks and calibration graphs that FlopScope builds itself.
/// Stored tensors are written with their known values, as external-data references when marked external (offsets laid
/// out in order per file), and otherwise as zero-filled raw data of their full size, so ONNX Runtime can run them.
/// Model-local functions are not written.
/// </summary>
public static class OnnxWriter
{
    /// <summary>Serializes <paramref name="model"/>.</summary>
    public static byte[] Write(Model model)
    {
        var offsets = new Dictionary<string, long>();
        var writer = new MessageWriter().Int(1, model.IrVersion).String(2, model.ProducerName.Length > 0 ? model.ProducerName : "flopscope");
        foreach (var (domain, version) in model.Opsets)
        {
            writer.Message(8, o => o.String(1, domain).Int(2, version));
        }

        writer.Message(7, g => WriteGraph(g, model.Graph, offsets));
        return writer.ToArray();
    }

    /// <summary>Bytes each external-data file needs for <paramref name="model"/>'s external tensors (in write order).</summary>
    public static IReadOnlyDictionary<string, long> ExternalFileSizes(Model model) =>
        model.Graph.Initializers.Values.Where(t => t.IsExternal && t.ExternalLocation is not null)
            .GroupBy(t => t.ExternalLocation!)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.ByteSize));

    private static void WriteGraph(MessageWriter g, Graph.Graph graph, Dictionary<string, long> offsets)
    {
        foreach (var node in graph.Nodes)
        {
            g.Message(1, n => WriteNode(n, node, offsets));
        }

        g.String(2, graph.Name.Length > 0 ? graph.Name : "graph");
        foreach (var tensor in graph.Initializers.Values)
        {
            g.Message(5, t => WriteTensor(t, tensor, offsets));
        }

        foreach (var input in graph.AllDeclaredInputs)
        {
            g.Message(11, v => WriteValueInfo(v, input));
        }

        foreach (var output in graph.Outputs)
        {
            g.Message(12, v => WriteValueInfo(v, output));
        }

        foreach (var info in graph.ValueInfos.Values)
        {
            g.Message(13, v => WriteValueInfo(v, info));
        }
    }

    private static void WriteNode(MessageWriter n, Node node, Dictionary<string, long> offsets)
    {
        foreach (var input in node.Inputs)
        {
            n.String(1, input);
        }

        foreach (var output in node.Outputs)
        {
            n.String(2, output);
        }

        n.String(3, node.Name).String(4, node.OpType);
        if (node.Domain.Length > 0)
        {
            n.String(7, node.Domain);
        }

        foreach (var (name, attribute) in node.Attributes)
        {
            n.Message(5, a => WriteAttribute(a, name, attribute, offsets));
        }
    }

    private static void WriteAttribute(MessageWriter a, string name, AttributeValue value, Dictionary<string, long> offsets)
    {
        a.String(1, name).Int(20, (int)value.Kind);
        switch (value.Kind)
        {
            case AttributeKind.Float: a.Float(2, value.Float); break;
            case AttributeKind.Int: a.Int(3, value.Int); break;
            case AttributeKind.String: a.String(4, value.String ?? string.Empty); break;
            case AttributeKind.Tensor when value.Tensor is not null: a.Message(5, t => WriteTensor(t, value.Tensor, offsets)); break;
            case AttributeKind.Graph when value.Graph is not null: a.Message(6, g => WriteGraph(g, value.Graph, offsets)); break;
            case AttributeKind.Floats: a.PackedFloats(7, value.Floats ?? []); break;
            case AttributeKind.Ints: a.PackedInts(8, value.Ints ?? []); break;
            case AttributeKind.Strings:
                foreach (var s in value.Strings ?? [])
                {
                    a.String(9, s);
                }

                break;
            case AttributeKind.Graphs:
                foreach (var graph in value.Graphs ?? [])
                {
                    a.Message(11, g => WriteGraph(g, graph, offsets));
                }

                break;
            default:
                throw new NotSupportedException($"Writing attribute kind {value.Kind} is not supported.");
        }
    }

    private static void WriteTensor(MessageWriter t, TensorDescriptor tensor, Dictionary<string, long> offsets)
    {
        t.PackedInts(1, tensor.Dims).Int(2, (int)tensor.DataType).String(8, tensor.Name);
        if (tensor.IsExternal && tensor.ExternalLocation is { } location)
        {
            var offset = offsets.GetValueOrDefault(location);
            offsets[location] = offset + tensor.ByteSize;
            t.Message(13, e => e.String(1, "location").String(2, location));
            t.Message(13, e => e.String(1, "offset").String(2, offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            t.Message(13, e => e.String(1, "length").String(2, tensor.ByteSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            t.Int(14, 1);
        }
        else if (tensor.Values is { } values)
        {
            t.Bytes(9, RawBytes(tensor.DataType, values));
        }
        else
        {
            t.Bytes(9, new byte[tensor.ByteSize]);
        }
    }

    private static byte[] RawBytes(DataType type, TensorValue values)
    {
        var size = type.BitsPerElement() / 8;
        var bytes = new byte[values.Length * size];
        for (var i = 0; i < values.Length; i++)
        {
            var span = bytes.AsSpan(i * size, size);
            switch (type)
            {
                case DataType.Float: BitConverter.TryWriteBytes(span, (float)values.AsDouble(i)); break;
                case DataType.Double: BitConverter.TryWriteBytes(span, values.AsDouble(i)); break;
                case DataType.Float16: BitConverter.TryWriteBytes(span, (Half)values.AsDouble(i)); break;
                case DataType.Int64 or DataType.UInt64: BitConverter.TryWriteBytes(span, values.AsLong(i)); break;
                case DataType.Int32 or DataType.UInt32: BitConverter.TryWriteBytes(span, (int)values.AsLong(i)); break;
                case DataType.Int16 or DataType.UInt16: BitConverter.TryWriteBytes(span, (short)values.AsLong(i)); break;
                case DataType.Int8 or DataType.UInt8 or DataType.Bool: span[0] = unchecked((byte)values.AsLong(i)); break;
                default: throw new NotSupportedException($"Writing values of {type} is not supported.");
            }
        }

        return bytes;
    }

    private static void WriteValueInfo(MessageWriter v, ValueInfo info)
    {
        v.String(1, info.Name);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int(1, (int)info.DataType);
            if (info.Shape is { } shape)
            {
                tensor.Message(2, s =>
                {
                    foreach (var d in shape.Dims)
                    {
                        s.Message(1, dim =>
                        {
                            if (d.IsKnown)
                            {
                                dim.Int(1, d.Value);
                            }
                            else if (d.IsSymbolic)
                            {
                                dim.String(2, d.Symbol!);
                            }
                        });
                    }
                });
            }
        }));
    }
}
