namespace FlopScope.Profiling;

/// <summary>Headline figures of a profile.</summary>
public sealed record ProfileSummary
{
    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>Nodes of the main graph.</summary>
    public required int Nodes { get; init; }

    /// <summary>Parameters (see <see cref="ParameterSummary"/>).</summary>
    public required ParameterSummary Parameters { get; init; }

    /// <summary>MACs under <see cref="Convention"/>.</summary>
    public required long Macs { get; init; }

    /// <summary>2 x <see cref="Macs"/>: the figure quoted as "GFLOPs".</summary>
    public long Flops => 2 * Macs;

    /// <summary>All arithmetic: 2 x MACs of every convolution and matrix product + every other op's FLOPs.</summary>
    public required long TotalFlops { get; init; }

    /// <summary>Counting convention of <see cref="Macs"/> and <see cref="Flops"/>.</summary>
    public required CountingConvention Convention { get; init; }

    /// <summary>Ops without a handler, with node counts: their cost is missing from every total.</summary>
    public required IReadOnlyList<OpIssue> Unsupported { get; init; }

    /// <summary>Ops whose shapes could not be resolved, with node counts: their cost is missing too.</summary>
    public required IReadOnlyList<OpIssue> Unresolved { get; init; }

    /// <summary>GFLOPs (<see cref="Flops"/> / 1e9).</summary>
    public double GFlops => Flops / 1e9;

    /// <summary>GMACs (<see cref="Macs"/> / 1e9).</summary>
    public double GMacs => Macs / 1e9;

    /// <summary>True when every node's cost is counted.</summary>
    public bool IsComplete => Unsupported.Count == 0 && Unresolved.Count == 0;
}
