using FlopScope.Graph;

namespace FlopScope.Benchmarks;

/// <summary>Collects nodes, inputs and initializers of one synthetic graph.</summary>
internal sealed class GraphBuilder(string name, string? externalLocation)
{
    private readonly List<Node> _nodes = [];
    private readonly List<ValueInfo> _inputs = [];
    private readonly List<ValueInfo> _outputs = [];
    private readonly Dictionary<string, TensorDescriptor> _initializers = [];

    /// <summary>Elements of every float weight added so far (the hand-computed parameter count).</summary>
    public long WeightElements { get; private set; }

    public void Input(string inputName, DataType type, params Dim[] dims) => _inputs.Add(new ValueInfo(inputName, type, new TensorShape(dims)));

    public void Output(string outputName, DataType type, params Dim[] dims) => _outputs.Add(new ValueInfo(outputName, type, new TensorShape(dims)));

    /// <summary>A float weight: external (sparse data file) when the builder has a location, else embedded zero bytes.</summary>
    public string Weight(string weightName, params long[] dims)
    {
        var tensor = new TensorDescriptor
        {
            Name = weightName,
            DataType = DataType.Float,
            Dims = dims,
            IsExternal = externalLocation is not null,
            ExternalLocation = externalLocation,
        };
        _initializers[weightName] = tensor;
        WeightElements += tensor.ElementCount;
        return weightName;
    }

    /// <summary>A small int64 constant, always embedded with its values.</summary>
    public string Ints(string constantName, params long[] values)
    {
        _initializers[constantName] = new TensorDescriptor
        {
            Name = constantName, DataType = DataType.Int64, Dims = [values.Length], Values = TensorValue.FromInts(values),
        };
        return constantName;
    }

    /// <summary>A float scalar as a Constant node (as exporters write literals: not a parameter).</summary>
    public string Scalar(string constantName, double value)
    {
        var tensor = new TensorDescriptor { Name = string.Empty, DataType = DataType.Float, Dims = [], Values = TensorValue.FromFloats([value]) };
        _nodes.Add(new Node(constantName, "Constant", string.Empty, [], [constantName], new Dictionary<string, AttributeValue> { ["value"] = AttributeValue.Of(tensor) }));
        return constantName;
    }

    /// <summary>Adds a node named <paramref name="nodeName"/> with one output named after it; returns the output.</summary>
    public string Node(string nodeName, string opType, string[] inputs, params (string Key, AttributeValue Value)[] attributes)
    {
        var output = nodeName + "_out";
        _nodes.Add(new Node(nodeName, opType, string.Empty, inputs, [output], attributes.ToDictionary(a => a.Key, a => a.Value)));
        return output;
    }

    /// <summary>Renames the last node's output (so the graph output has a fixed name).</summary>
    public void RenameLastOutput(string outputName)
    {
        var last = _nodes[^1];
        _nodes[^1] = new Node(last.Name, last.OpType, last.Domain, last.Inputs, [outputName], last.Attributes);
    }

    public Model Build(long opset = 17) =>
        new(new Graph.Graph(name, _nodes, _inputs, _outputs, _initializers), new Dictionary<string, long> { [string.Empty] = opset },
            irVersion: 8, producerName: "flopscope-benchmarks", producerVersion: "1");
}
