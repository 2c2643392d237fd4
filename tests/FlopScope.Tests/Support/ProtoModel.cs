using FlopScope.Graph;
using FlopScope.Onnx.Writing;

namespace FlopScope.Tests.Support;

/// <summary>Hand-written ONNX protobuf (field numbers of onnx.proto) for what <see cref="OnnxWriter"/> never writes:
/// typed payloads, sparse initializers, negative dims, tensors without an external location.</summary>
internal static class ProtoModel
{
    /// <summary>A ModelProto with <paramref name="graph"/> as its GraphProto body.</summary>
    public static byte[] Model(Action<MessageWriter> graph, long irVersion = 8, long opset = 17) =>
        new MessageWriter().Int(1, irVersion).String(2, "test").Message(8, o => o.Int(2, opset)).Message(7, g =>
        {
            g.String(2, "graph");
            graph(g);
        }).ToArray();

    public static void Node(MessageWriter g, string opType, string[] inputs, string[] outputs) => g.Message(1, n =>
    {
        foreach (var i in inputs)
        {
            n.String(1, i);
        }

        foreach (var o in outputs)
        {
            n.String(2, o);
        }

        n.String(3, $"{opType}_{outputs[0]}").String(4, opType);
    });

    /// <summary>A graph input (field 11) or output (field 12) of float type; negative values are written as dim_value.</summary>
    public static void Value(MessageWriter g, int field, string name, DataType type, params long[] dims) =>
        g.Message(field, v => v.String(1, name).Message(2, t => t.Message(1, tt =>
        {
            tt.Int(1, (int)type);
            tt.Message(2, s =>
            {
                foreach (var d in dims)
                {
                    s.Message(1, dim => dim.Int(1, d));
                }
            });
        })));

    public static void Input(MessageWriter g, string name, params long[] dims) => Value(g, 11, name, DataType.Float, dims);

    public static void Output(MessageWriter g, string name) => g.Message(12, v => v.String(1, name));

    /// <summary>A TensorProto body: dims, type, name, then <paramref name="payload"/>.</summary>
    public static Action<MessageWriter> Tensor(string name, DataType type, long[] dims, Action<MessageWriter>? payload = null) => t =>
    {
        t.PackedInts(1, dims).Int(2, (int)type).String(8, name);
        payload?.Invoke(t);
    };
}
