using FlopScope.Inference;

namespace FlopScope.Memory;

/// <summary>Which nodes move no data at run time.</summary>
public static class NodeKinds
{
    /// <summary>Ops that only relabel a buffer (runtimes alias their output to their input): no traffic, no kernel.</summary>
    private static readonly HashSet<string> Views = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout"];

    /// <summary>Ops that produce metadata or constants, not computed activations.</summary>
    private static readonly HashSet<string> Metadata = ["Shape", "Size", "Constant"];

    /// <summary>True when the node's output aliases its first input.</summary>
    public static bool IsView(NodeAnalysis node) => node.Node.Domain.Length == 0 && Views.Contains(node.Node.OpType);

    /// <summary>True when the node runs no kernel at inference: a view, metadata, or a node whose every output value is
    /// known statically (runtimes fold such shape computations into constants).</summary>
    public static bool IsFree(NodeAnalysis node) =>
        IsView(node)
        || (node.Node.Domain.Length == 0 && Metadata.Contains(node.Node.OpType))
        || (node.Status == NodeStatus.Resolved && node.Outputs.Length > 0 && node.Outputs.All(o => o?.Value is not null));
}
