namespace FlopScope.Hardware;

/// <summary>Estimated time of one node on one device.</summary>
/// <param name="Index">Layer index in the profile.</param>
/// <param name="ComputeSeconds">Total FLOPs / (peak x compute efficiency).</param>
/// <param name="MemorySeconds">Bytes moved / (bandwidth x memory efficiency).</param>
/// <param name="OverheadSeconds">Per-kernel overhead (0 for nodes that run no kernel).</param>
/// <param name="Bound">The limiting term.</param>
/// <param name="Counted">False when the node's cost is unknown (unsupported or unresolved): its time is missing.</param>
/// <param name="Overlap">How much of the memory term hides behind the compute term, 0-1 (the runtime's
/// <see cref="Kernels.KernelCosts.MemoryOverlap"/>); 1 = max(compute, memory).</param>
public sealed record LayerEstimate(int Index, double ComputeSeconds, double MemorySeconds, double OverheadSeconds, Bound Bound, bool Counted, double Overlap = 1)
{
    /// <summary>max(compute, memory) + (1 - overlap) x min(compute, memory) + overhead.</summary>
    public double Seconds => Kernels.KernelCosts.Combine(ComputeSeconds, MemorySeconds, Overlap) + OverheadSeconds;

    /// <summary>The node's total FLOPs divided by <see cref="Seconds"/>: where the node sits under the device's roofs
    /// (0 for nodes that run no kernel).</summary>
    public double AttainedFlopsPerSecond { get; init; }
}
