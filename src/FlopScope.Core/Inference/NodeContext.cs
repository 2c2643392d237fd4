using FlopScope.Errors;
using FlopScope.Graph;

namespace FlopScope.Inference;

/// <summary>
/// What an operator handler sees of one node: its inferred inputs, attributes and opset, where it writes outputs and
/// cost. Accessors that need something unknown throw <see cref="UnresolvedException"/>, so handlers read straight.
/// </summary>
public sealed class NodeContext
{
    private readonly NodeAnalysis _analysis;
    private readonly Func<Graph.Graph, IReadOnlyList<TensorInfo?>, SubgraphResult> _analyzeSubgraph;

    internal NodeContext(NodeAnalysis analysis, long opset, Func<Graph.Graph, IReadOnlyList<TensorInfo?>, SubgraphResult> analyzeSubgraph)
    {
        _analysis = analysis;
        Opset = opset;
        _analyzeSubgraph = analyzeSubgraph;
    }

    /// <summary>The node.</summary>
    public Node Node => _analysis.Node;

    /// <summary>Opset version of the node's domain.</summary>
    public long Opset { get; }

    /// <summary>Number of inputs listed (including omitted optional ones).</summary>
    public int InputCount => Node.Inputs.Count;

    /// <summary>Number of outputs listed.</summary>
    public int OutputCount => Node.Outputs.Count;

    /// <summary>Cost added so far.</summary>
    public NodeCost Cost => _analysis.Cost;

    /// <summary>True when input <paramref name="index"/> is present (listed and not empty).</summary>
    public bool HasInput(int index) => index < Node.Inputs.Count && Node.Inputs[index].Length > 0;

    /// <summary>True when output <paramref name="index"/> is present.</summary>
    public bool HasOutput(int index) => index < Node.Outputs.Count && Node.Outputs[index].Length > 0;

    /// <summary>Input <paramref name="index"/>; throws when omitted or unknown.</summary>
    public TensorInfo Input(int index)
    {
        if (!HasInput(index))
        {
            throw new ShapeException($"{Describe()} needs input {index}, which is missing.");
        }

        return _analysis.Inputs[index] ?? throw new UnresolvedException($"type and shape of input '{Node.Inputs[index]}' unknown");
    }

    /// <summary>Input <paramref name="index"/>, or null when omitted.</summary>
    public TensorInfo? OptionalInput(int index) => HasInput(index) ? Input(index) : null;

    /// <summary>Shape of input <paramref name="index"/> (dimensions may be unknown); throws when its rank is unknown.</summary>
    public TensorShape Shape(int index) =>
        Input(index).Shape ?? throw new UnresolvedException($"rank of input '{Node.Inputs[index]}' unknown");

    /// <summary>Fully known dimensions of input <paramref name="index"/>.</summary>
    public long[] Dims(int index)
    {
        var shape = Shape(index);
        return shape.IsFullyKnown ? shape.ToArray() : throw new UnresolvedException($"input '{Node.Inputs[index]}' has a data-dependent shape {shape}");
    }

    /// <summary>Element count of input <paramref name="index"/>.</summary>
    public long Elements(int index) => Dims(index).Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Element type of input <paramref name="index"/>.</summary>
    public DataType TypeOf(int index) => Input(index).DataType;

    /// <summary>Known values of input <paramref name="index"/>; throws when not known statically.</summary>
    public TensorValue Value(int index) =>
        Input(index).Value ?? throw new UnresolvedException($"value of input '{Node.Inputs[index]}' not known statically");

    /// <summary>Known values of input <paramref name="index"/> as integers.</summary>
    public long[] Ints(int index) => Value(index).ToLongs();

    /// <summary>Known values of input <paramref name="index"/>, or null when omitted or not known.</summary>
    public TensorValue? TryValue(int index) => HasInput(index) ? _analysis.Inputs[index]?.Value : null;

    /// <summary>True when the attribute is present.</summary>
    public bool HasAttribute(string name) => Node.Attributes.ContainsKey(name);

    /// <summary>An INT attribute, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback) => Node.Attributes.TryGetValue(name, out var a) ? a.Int : fallback;

    /// <summary>A required INT attribute.</summary>
    public long Int(string name) => Attribute(name).Int;

    /// <summary>A FLOAT attribute, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback) => Node.Attributes.TryGetValue(name, out var a) ? a.Float : fallback;

    /// <summary>A STRING attribute, or <paramref name="fallback"/>.</summary>
    public string String(string name, string fallback) => Node.Attributes.TryGetValue(name, out var a) ? a.String ?? fallback : fallback;

    /// <summary>An INTS attribute, or null.</summary>
    public long[]? IntList(string name) => Node.Attributes.TryGetValue(name, out var a) ? a.Ints ?? [] : null;

    /// <summary>A FLOATS attribute, or null.</summary>
    public float[]? FloatList(string name) => Node.Attributes.TryGetValue(name, out var a) ? a.Floats ?? [] : null;

    /// <summary>A STRINGS attribute, or null.</summary>
    public string[]? StringList(string name) => Node.Attributes.TryGetValue(name, out var a) ? a.Strings ?? [] : null;

    /// <summary>A required attribute.</summary>
    public AttributeValue Attribute(string name) => Node.Attributes.TryGetValue(name, out var a)
        ? a
        : throw new ShapeException($"{Describe()} lacks its required attribute '{name}'.");

    /// <summary>A GRAPH attribute, or null.</summary>
    public Graph.Graph? Subgraph(string name) => Node.Attributes.TryGetValue(name, out var a) ? a.Graph : null;

    /// <summary>Sets output <paramref name="index"/> (ignored when the output is omitted).</summary>
    public void SetOutput(int index, DataType type, TensorShape? shape, TensorValue? value = null)
    {
        if (index < _analysis.Outputs.Length)
        {
            _analysis.Outputs[index] = new TensorInfo(type, shape, value);
        }
    }

    /// <summary>Sets output <paramref name="index"/>.</summary>
    public void SetOutput(int index, TensorInfo info)
    {
        if (index < _analysis.Outputs.Length)
        {
            _analysis.Outputs[index] = info;
        }
    }

    /// <summary>Adds multiply-accumulates (convolution and matrix products).</summary>
    public void AddMacs(long macs) => _analysis.Cost += new NodeCost(macs, 0);

    /// <summary>Adds FLOPs that are not multiply-accumulates.</summary>
    public void AddFlops(long flops) => _analysis.Cost += new NodeCost(0, flops);

    /// <summary>Adds a cost.</summary>
    public void AddCost(NodeCost cost) => _analysis.Cost += cost;

    /// <summary>Adds a remark to the node's report entry.</summary>
    public void Note(string note) => _analysis.Notes.Add(note);

    /// <summary>Analyses a subgraph of this node with the given inputs; outer-scope values are visible to it.
    /// Its nodes are attached to this node's report entry.</summary>
    public SubgraphResult AnalyzeSubgraph(Graph.Graph graph, IReadOnlyList<TensorInfo?> inputs)
    {
        var result = _analyzeSubgraph(graph, inputs);
        _analysis.Inner.AddRange(result.Nodes);
        return result;
    }

    /// <summary>Attaches analysed nodes (a function body's) to this node's report entry.</summary>
    internal void AttachInner(IEnumerable<NodeAnalysis> nodes) => _analysis.Inner.AddRange(nodes);

    /// <summary>"Conv 'name'", for messages.</summary>
    public string Describe() => $"{Node.OpType} '{_analysis.DisplayName}'";

    /// <summary>Throws a <see cref="ShapeException"/> naming this node.</summary>
    public ShapeException Invalid(string problem) => new($"{Describe()}: {problem}");
}
