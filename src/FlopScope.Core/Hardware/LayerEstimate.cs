namespace FlopScope.Hardware;

/// <summary>Estimated time of one node on one device.</summary>
/// <param name="Index">Layer index in the profile.</param>
/// <param name="ComputeSeconds">Total FLOPs / (peak x compute efficiency).</param>
/// <param name="MemorySeconds">Bytes moved / (bandwidth x memory efficiency).</param>
/// <param name="OverheadSeconds">Per-kernel overhead (0 for nodes that run no kernel).</param>
/// <param name="Bound">The limiting term.</param>
/// <param name="Counted">False when the node's cost is unknown (unsupported or unresolved): its time is missing.</param>
/// <param name="BusySeconds">The node's share of its kernels' combined compute and memory time (each kernel's
/// <see cref="Kernels.KernelEstimate.Seconds"/> without overhead). A node that carries
/// several kernels (an inserted reorder or transpose joins the node it feeds) adds their times, not the max of their
/// summed terms.</param>
public sealed record LayerEstimate(int Index, double ComputeSeconds, double MemorySeconds, double OverheadSeconds, Bound Bound, bool Counted, double BusySeconds)
{
    /// <summary>Busy time (the kernels' combined compute and memory time) + overhead.</summary>
    public double Seconds => BusySeconds + OverheadSeconds;

    /// <summary>The node's total FLOPs divided by <see cref="Seconds"/>: where the node sits under the device's roofs
    /// (0 for nodes that run no kernel).</summary>
    public double AttainedFlopsPerSecond { get; init; }
}
