namespace FlopScope.Graph;

/// <summary>A computation graph: nodes, declared inputs and outputs, and stored tensors (initializers).</summary>
public sealed class Graph
{
    /// <summary>Creates a graph.</summary>
    public Graph(string name, IReadOnlyList<Node> nodes, IReadOnlyList<ValueInfo> inputs, IReadOnlyList<ValueInfo> outputs,
        IReadOnlyDictionary<string, TensorDescriptor> initializers, IReadOnlyDictionary<string, ValueInfo>? valueInfos = null)
    {
        Name = name;
        Nodes = nodes;
        Initializers = initializers;
        Outputs = outputs;
        ValueInfos = valueInfos ?? new Dictionary<string, ValueInfo>();
        // Before IR 4 initializers were also listed as inputs; those are not inputs a user feeds.
        AllDeclaredInputs = inputs;
        Inputs = inputs.Where(i => !initializers.ContainsKey(i.Name)).ToArray();
    }

    /// <summary>Graph name.</summary>
    public string Name { get; }

    /// <summary>Nodes in file order (not necessarily topological).</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>Inputs fed at run time (initializers excluded).</summary>
    public IReadOnlyList<ValueInfo> Inputs { get; }

    /// <summary>Every declared input, including initializers that old IR versions listed as inputs.</summary>
    public IReadOnlyList<ValueInfo> AllDeclaredInputs { get; }

    /// <summary>Declared outputs.</summary>
    public IReadOnlyList<ValueInfo> Outputs { get; }

    /// <summary>Stored tensors by name.</summary>
    public IReadOnlyDictionary<string, TensorDescriptor> Initializers { get; }

    /// <summary>Declared types of intermediate values, by name.</summary>
    public IReadOnlyDictionary<string, ValueInfo> ValueInfos { get; }

    /// <summary>The name reports show for node <paramref name="index"/>: its own, or <c>OpType_index</c> when it has none.</summary>
    public string DisplayName(int index) => Nodes[index].Name.Length > 0 ? Nodes[index].Name : $"{Nodes[index].OpType}_{index}";
}
