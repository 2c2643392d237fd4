using FlopScope.Hardware;

namespace FlopScope.Kernels;

/// <summary>Estimated time of one kernel on one device under one runtime (docs/estimator.md).</summary>
public sealed record KernelEstimate
{
    /// <summary>The kernel.</summary>
    public required Kernel Kernel { get; init; }

    /// <summary>FLOPs / (peak x class compute efficiency x compute utilisation).</summary>
    public required double ComputeSeconds { get; init; }

    /// <summary>Bytes / (bandwidth x class memory efficiency x memory utilisation).</summary>
    public required double MemorySeconds { get; init; }

    /// <summary>Time of the second pass of a fused activation over the kernel's output (<see cref="Kernel.PassBytes"/>);
    /// 0 when the kernel has none. It runs within the kernel's launch, after its main loop.</summary>
    public double PassSeconds { get; init; }

    /// <summary>The runtime's per-kernel overhead on the device.</summary>
    public required double OverheadSeconds { get; init; }

    /// <summary>Fraction of the device's parallel units the kernel keeps busy (wave quantisation), (0, 1].</summary>
    public required double ComputeUtilisation { get; init; }

    /// <summary>Fraction of the device's bandwidth the kernel's parallel work can draw, (0, 1].</summary>
    public required double MemoryUtilisation { get; init; }

    /// <summary>The limiting term.</summary>
    public required Bound Bound { get; init; }

    /// <summary>Overlap of memory transfer with computation the time assumes, 0-1 (<see cref="KernelCosts.MemoryOverlap"/>).</summary>
    public double Overlap { get; init; } = 1;

    /// <summary>max(compute, memory) + (1 - overlap) x min(compute, memory) + the activation pass + overhead.</summary>
    public double Seconds => KernelCosts.Combine(ComputeSeconds, MemorySeconds, Overlap) + PassSeconds + OverheadSeconds;
}
