using FlopScope.Inference;

namespace FlopScope.Profiling;

/// <summary>One node of the main graph in the per-layer table.</summary>
public sealed record LayerProfile
{
    /// <summary>Execution order (0-based).</summary>
    public required int Index { get; init; }

    /// <summary>Node name (or <c>OpType_index</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Op type, prefixed by its domain outside the default one (<c>com.microsoft.Attention</c>).</summary>
    public required string Op { get; init; }

    /// <summary>Module from the exporter's scope name at the chosen depth, or <c>(root)</c>.</summary>
    public required string Module { get; init; }

    /// <summary>Output shapes (<c>1x64x112x112</c>; <c>?</c> where unknown).</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>Elements of stored tensors this node is the first consumer of.</summary>
    public required long Parameters { get; init; }

    /// <summary>MACs under the report's convention.</summary>
    public required long Macs { get; init; }

    /// <summary>2 x <see cref="Macs"/>.</summary>
    public long Flops => 2 * Macs;

    /// <summary>All arithmetic of the node: 2 x MACs (every convolution and matrix product) + other FLOPs.</summary>
    public required long TotalFlops { get; init; }

    /// <summary>Bytes read and written at the report's precision.</summary>
    public Memory.NodeTraffic Traffic { get; init; }

    /// <summary>True when the node runs no kernel at inference (a view, metadata or a statically known value).</summary>
    public bool Free { get; init; }

    /// <summary>Arithmetic intensity: total FLOPs per byte moved (0 when nothing moves).</summary>
    public double Intensity => Traffic.TotalBytes == 0 ? 0 : (double)TotalFlops / Traffic.TotalBytes;

    /// <summary>FLOPs outside multiply-accumulates (bias, activations, norms, ...), independent of the convention.</summary>
    public long OtherFlops { get; init; }

    /// <summary>Multiply-accumulates of every conv and matrix product, independent of the convention.</summary>
    public long AllMacs => (TotalFlops - OtherFlops) / 2;

    /// <summary>True when the op has a stored weight operand (Conv, Gemm, MatMul with a weight...).</summary>
    public required bool WeightBearing { get; init; }

    /// <summary>Resolved, unsupported or unresolved.</summary>
    public required NodeStatus Status { get; init; }

    /// <summary>Why the node's cost is missing, when it is.</summary>
    public string? Reason { get; init; }

    /// <summary>The graph node (op, domain, attributes, value names): what kernel detection matches rules against.</summary>
    public Graph.Node? Node { get; init; }

    /// <summary>Inputs the node reads, distinct, omitted optional inputs left out.</summary>
    public IReadOnlyList<LayerTensor> InputTensors { get; init; } = [];

    /// <summary>Outputs the node writes, omitted optional outputs left out.</summary>
    public IReadOnlyList<LayerTensor> OutputTensors { get; init; } = [];

    /// <summary>Remarks (loop trip count unknown, branch chosen, ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
