using FlopScope.Graph;

namespace FlopScope.Inference;

/// <summary>What analysis found for one node: status, outputs, cost and notes.</summary>
public sealed class NodeAnalysis
{
    internal NodeAnalysis(Node node, string displayName, TensorInfo?[] inputs)
    {
        Node = node;
        DisplayName = displayName;
        Inputs = inputs;
        Outputs = new TensorInfo?[node.Outputs.Count];
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>Node name, or <c>OpType_index</c> for unnamed nodes.</summary>
    public string DisplayName { get; }

    /// <summary>Status.</summary>
    public NodeStatus Status { get; internal set; } = NodeStatus.Resolved;

    /// <summary>Why the node is unsupported or unresolved.</summary>
    public string? Reason { get; internal set; }

    /// <summary>Inferred inputs (null for omitted or unknown ones).</summary>
    public IReadOnlyList<TensorInfo?> Inputs { get; }

    /// <summary>Inferred outputs (null where not known).</summary>
    public TensorInfo?[] Outputs { get; }

    /// <summary>Arithmetic of one forward pass (including subgraph bodies times their trip counts).</summary>
    public NodeCost Cost { get; internal set; }

    /// <summary>What the op does with each input (from its handler; Data when there is none).</summary>
    public InputRole[] InputRoles { get; internal set; } = [];

    /// <summary>Remarks such as "Loop trip count unknown: body counted once".</summary>
    public List<string> Notes => _notes ??= [];

    /// <summary>Analyses of the nodes inside this node's subgraphs or expanded function body.</summary>
    public List<NodeAnalysis> Inner => _inner ??= [];

    /// <summary>Position of the node in its graph's file order.</summary>
    internal int FileIndex { get; init; }

    /// <summary>True when <see cref="Notes"/> has any (without creating the list: most nodes have none).</summary>
    internal bool HasNotes => _notes is { Count: > 0 };

    /// <summary>True when <see cref="Inner"/> has any.</summary>
    internal bool HasInner => _inner is { Count: > 0 };

    // Created on first use: two empty lists per node were 64 MB on a 1,000,000-node chain.
    private List<string>? _notes;
    private List<NodeAnalysis>? _inner;
}
