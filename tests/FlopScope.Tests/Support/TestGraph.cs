using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators;

namespace FlopScope.Tests.Support;

/// <summary>Builds small graphs in code and analyses them: the hand-computed cases of the op tests.</summary>
internal sealed class TestGraph
{
    private readonly List<ValueInfo> _inputs = [];
    private readonly Dictionary<string, TensorDescriptor> _initializers = [];
    private readonly List<Node> _nodes = [];
    private readonly Dictionary<string, long> _opsets = new() { [string.Empty] = 17 };

    public TestGraph Opset(long version, string domain = "")
    {
        _opsets[domain] = version;
        return this;
    }

    public TestGraph Input(string name, DataType type, params long[] dims)
    {
        _inputs.Add(new ValueInfo(name, type, new TensorShape(dims)));
        return this;
    }

    public TestGraph Input(string name, params long[] dims) => Input(name, DataType.Float, dims);

    /// <summary>A float input whose dimensions are given as sizes or symbol names (<c>"batch", 16</c>).</summary>
    public TestGraph SymbolicInput(string name, params object[] dims)
    {
        _inputs.Add(new ValueInfo(name, DataType.Float, new TensorShape(dims.Select(d => d is string s ? Dim.Named(s) : Dim.Of(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture))).ToArray())));
        return this;
    }

    /// <summary>A stored float tensor (weights), values unknown.</summary>
    public TestGraph Weight(string name, params long[] dims)
    {
        _initializers[name] = new TensorDescriptor { Name = name, DataType = DataType.Float, Dims = dims };
        return this;
    }

    /// <summary>A stored int64 tensor with known values; a scalar when <paramref name="dims"/> is empty.</summary>
    public TestGraph Ints(string name, long[] values, long[]? dims = null)
    {
        _initializers[name] = new TensorDescriptor
        {
            Name = name, DataType = DataType.Int64, Dims = dims ?? [values.Length], Values = TensorValue.FromInts(values),
        };
        return this;
    }

    /// <summary>A stored float tensor with known values.</summary>
    public TestGraph Floats(string name, double[] values, long[]? dims = null)
    {
        _initializers[name] = new TensorDescriptor
        {
            Name = name, DataType = DataType.Float, Dims = dims ?? [values.Length], Values = TensorValue.FromFloats(values),
        };
        return this;
    }

    public TestGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes) =>
        NodeIn(string.Empty, opType, inputs, outputs, attributes);

    public TestGraph NodeIn(string domain, string opType, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var attrs = attributes.ToDictionary(a => a.Name, a => a.Value switch
        {
            int i => AttributeValue.Of((long)i),
            long l => AttributeValue.Of(l),
            float f => AttributeValue.Of(f),
            double d => AttributeValue.Of((float)d),
            string s => AttributeValue.Of(s),
            int[] ii => AttributeValue.Of(ii.Select(x => (long)x).ToArray()),
            long[] ll => AttributeValue.Of(ll),
            float[] ff => AttributeValue.Of(ff),
            TensorDescriptor t => AttributeValue.Of(t),
            Graph.Graph g => AttributeValue.Of(g),
            AttributeValue av => av,
            _ => throw new ArgumentException($"unsupported attribute value {a.Value}"),
        });
        _nodes.Add(new Node($"{opType}_{_nodes.Count}", opType, domain, inputs, outputs, attrs));
        return this;
    }

    public Graph.Graph Build(params string[] outputs) =>
        new("test", _nodes, _inputs, outputs.Select(o => new ValueInfo(o, DataType.Undefined, null)).ToArray(), _initializers);

    public Model BuildModel(params string[] outputs) => new(Build(outputs), _opsets);

    public TestResult Analyze(OperatorRegistry? registry = null)
    {
        var graph = Build();
        var analyzer = new GraphAnalyzer(registry ?? OperatorRegistry.CreateDefault(), _opsets);
        var inputs = _inputs.ToDictionary(i => i.Name, i => new TensorInfo(i.DataType, i.Shape));
        return new TestResult(analyzer.Analyze(graph, inputs));
    }
}

internal sealed record TestResult(GraphAnalysis Analysis)
{
    public TensorInfo Value(string name) => Analysis.Values.TryGetValue(name, out var v) && v is not null
        ? v
        : throw new InvalidOperationException($"value '{name}' was not inferred");

    public string ShapeOf(string name) => Value(name).Shape?.ToString() ?? "unknown";

    public long[] IntsOf(string name) => Value(name).Value?.ToLongs() ?? throw new InvalidOperationException($"value '{name}' has no known contents");

    public NodeAnalysis Node(int index) => Analysis.Nodes.Single(n => n.DisplayName.EndsWith($"_{index}", StringComparison.Ordinal));

    public NodeCost TotalCost => Analysis.Nodes.Aggregate(NodeCost.Zero, (c, n) => c + n.Cost);
}
