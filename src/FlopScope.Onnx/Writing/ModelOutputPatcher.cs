using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx.Protobuf;
using Google.Protobuf;

namespace FlopScope.Onnx.Writing;

/// <summary>
/// Returns a copy of a serialized model with extra graph outputs appended (protobuf concatenates repeated fields, so
/// only the graph field's length changes). Used to observe intermediate tensors in ONNX Runtime: the shape oracle of
/// the tests and per-value checks.
/// </summary>
public static class ModelOutputPatcher
{
    /// <summary>Appends <paramref name="outputs"/> (name and element type) as graph outputs of <paramref name="model"/>.</summary>
    public static byte[] AddOutputs(byte[] model, IEnumerable<(string Name, DataType Type)> outputs)
    {
        var extra = new MemoryStream();
        var writer = new CodedOutputStream(extra, leaveOpen: true);
        foreach (var (name, type) in outputs)
        {
            var valueInfo = ValueInfo(name, type);
            writer.WriteTag(12, WireFormat.WireType.LengthDelimited);
            writer.WriteBytes(ByteString.CopyFrom(valueInfo));
        }

        writer.Flush();
        var (start, payloadStart, end) = FindGraph(model);
        var graphLength = end - payloadStart;
        var result = new MemoryStream();
        result.Write(model, 0, start);
        var header = new CodedOutputStream(result, leaveOpen: true);
        header.WriteTag(7, WireFormat.WireType.LengthDelimited);
        header.WriteLength(checked(graphLength + (int)extra.Length));
        header.Flush();
        result.Write(model, payloadStart, graphLength);
        extra.Position = 0;
        extra.CopyTo(result);
        result.Write(model, end, model.Length - end);
        return result.ToArray();
    }

    private static byte[] ValueInfo(string name, DataType type)
    {
        // ValueInfoProto { name = 1; type = 2: TypeProto { tensor_type = 1: Tensor { elem_type = 1 } } }
        var tensor = new MemoryStream();
        var t = new CodedOutputStream(tensor, leaveOpen: true);
        t.WriteTag(1, WireFormat.WireType.Varint);
        t.WriteInt32((int)type);
        t.Flush();
        var typeProto = Message(1, tensor.ToArray());
        var info = new MemoryStream();
        var i = new CodedOutputStream(info, leaveOpen: true);
        i.WriteTag(1, WireFormat.WireType.LengthDelimited);
        i.WriteString(name);
        i.WriteTag(2, WireFormat.WireType.LengthDelimited);
        i.WriteBytes(ByteString.CopyFrom(typeProto));
        i.Flush();
        return info.ToArray();
    }

    private static byte[] Message(int field, byte[] payload)
    {
        var stream = new MemoryStream();
        var w = new CodedOutputStream(stream, leaveOpen: true);
        w.WriteTag(field, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(payload));
        w.Flush();
        return stream.ToArray();
    }

    private static (int Start, int PayloadStart, int End) FindGraph(byte[] model)
    {
        var reader = new ProtoReader(model);
        while (true)
        {
            var start = reader.Position;
            if (!reader.TryReadTag(out var field, out var wire))
            {
                throw new InvalidModelException("Not an ONNX model: the file has no graph.");
            }

            if (field == 7 && wire == WireType.LengthDelimited)
            {
                var length = (int)reader.ReadVarint();
                var payloadStart = reader.Position;
                return (start, payloadStart, payloadStart + length);
            }

            reader.Skip(wire);
        }
    }
}
