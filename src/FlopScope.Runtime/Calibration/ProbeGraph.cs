using FlopScope.Graph;

namespace FlopScope.Runtime.Calibration;

/// <summary>Builds a probe graph: input <c>x</c> (fp32), stored tensors, a list of nodes, output <c>y</c> (fp32).</summary>
internal sealed class ProbeGraph(string name, long[] input)
{
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, TensorDescriptor> _initializers = [];

    /// <summary>Shape of the input <c>x</c>.</summary>
    public long[] Input { get; } = input;

    /// <summary>A stored fp32 tensor; zeros unless <paramref name="values"/> are given.</summary>
    public string Floats(string id, long[] dims, double[]? values = null)
    {
        _initializers[id] = new TensorDescriptor { Name = id, DataType = DataType.Float, Dims = dims, Values = values is null ? null : TensorValue.FromFloats(values) };
        return id;
    }

    /// <summary>A stored int64 tensor with known values (a 1-D tensor unless <paramref name="dims"/> says otherwise).</summary>
    public string Ints(string id, long[] values, long[]? dims = null)
    {
        _initializers[id] = new TensorDescriptor { Name = id, DataType = DataType.Int64, Dims = dims ?? [values.Length], Values = TensorValue.FromInts(values) };
        return id;
    }

    /// <summary>Adds a node and returns its (single) output tensor name.</summary>
    public string Op(string op, string[] inputs, params (string Name, AttributeValue Value)[] attributes)
    {
        var output = $"t{_nodes.Count}";
        _nodes.Add(new Node($"{op.ToLowerInvariant()}_{_nodes.Count}", op, string.Empty, inputs, [output], attributes.ToDictionary(a => a.Name, a => a.Value)));
        return output;
    }

    /// <summary>The model, with the last node's output renamed <c>y</c> of shape <paramref name="output"/>.</summary>
    public Model Build(long[] output)
    {
        var last = _nodes[^1];
        _nodes[^1] = new Node(last.Name, last.OpType, last.Domain, last.Inputs, ["y"], last.Attributes);
        var graph = new Graph.Graph(name, _nodes, [new ValueInfo("x", DataType.Float, new TensorShape(Input))],
            [new ValueInfo("y", DataType.Float, new TensorShape(output))], _initializers);
        return new Model(graph, new Dictionary<string, long> { [string.Empty] = 17 }, name: name);
    }

    public static (string, AttributeValue) Attr(string name, long value) => (name, AttributeValue.Of(value));

    public static (string, AttributeValue) Attr(string name, params long[] values) => (name, AttributeValue.Of(values));

    public static (string, AttributeValue) Attr(string name, string value) => (name, AttributeValue.Of(value));
}
