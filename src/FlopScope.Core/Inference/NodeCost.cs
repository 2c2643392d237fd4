namespace FlopScope.Inference;

/// <summary>
/// Arithmetic of one node for one forward pass. <see cref="Macs"/> are multiply-accumulates of convolution and
/// matrix products (one MAC = one multiply + one add = 2 FLOPs); <see cref="OtherFlops"/> is every other arithmetic
/// operation (bias adds, elementwise ops, activations, normalizations, pooling, softmax, reductions, resize), counted
/// by the per-op table in docs/cost-model.md.
/// </summary>
/// <param name="Macs">Multiply-accumulates.</param>
/// <param name="OtherFlops">FLOPs outside multiply-accumulates.</param>
public readonly record struct NodeCost(long Macs, long OtherFlops)
{
    /// <summary>No arithmetic.</summary>
    public static NodeCost Zero => default;

    /// <summary>FLOPs of the multiply-accumulates alone: 2 x MACs.</summary>
    public long MacFlops => checked(2 * Macs);

    /// <summary>All FLOPs: 2 x MACs + other FLOPs.</summary>
    public long TotalFlops => checked(MacFlops + OtherFlops);

    /// <summary>Adds two costs.</summary>
    public static NodeCost operator +(NodeCost a, NodeCost b) => new(checked(a.Macs + b.Macs), checked(a.OtherFlops + b.OtherFlops));

    /// <summary>Scales a cost (a loop body run <paramref name="times"/> times).</summary>
    public static NodeCost operator *(NodeCost a, long times) => new(checked(a.Macs * times), checked(a.OtherFlops * times));

    /// <summary>Adds two costs.</summary>
    public static NodeCost Add(NodeCost a, NodeCost b) => a + b;

    /// <summary>Scales a cost.</summary>
    public static NodeCost Multiply(NodeCost a, long times) => a * times;
}
