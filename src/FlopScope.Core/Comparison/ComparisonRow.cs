namespace FlopScope.Comparison;

/// <summary>One model (or saved result) in a comparison table. Null figures are not available from that source.</summary>
public sealed record ComparisonRow
{
    /// <summary>Model name (the file name without extension).</summary>
    public required string Model { get; init; }

    /// <summary>Where the row came from: a model file, a profile JSON or a bench JSON.</summary>
    public required string Source { get; init; }

    /// <summary>Input shapes the figures are at.</summary>
    public string? Input { get; init; }

    /// <summary>Parameters.</summary>
    public long? Parameters { get; init; }

    /// <summary>MACs under <see cref="Convention"/> (the headline under torchvision).</summary>
    public long? Macs { get; init; }

    /// <summary>FLOPs (2 x MACs under <see cref="Convention"/>).</summary>
    public long? Flops { get; init; }

    /// <summary>All arithmetic.</summary>
    public long? TotalFlops { get; init; }

    /// <summary>Weights + peak activations, bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Counting convention of <see cref="Flops"/>.</summary>
    public string? Convention { get; init; }

    /// <summary>Estimated latency in ms per device id.</summary>
    public IReadOnlyDictionary<string, double> EstimatedMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Measured median latency in ms.</summary>
    public double? MeasuredMs { get; init; }

    /// <summary>The machine and runtime of <see cref="MeasuredMs"/>.</summary>
    public string? MeasuredOn { get; init; }
}
