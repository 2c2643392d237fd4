namespace FlopScope.Budgets;

/// <summary>Limits a model must stay within, for CI. Null means "no limit".</summary>
public sealed record Budget
{
    /// <summary>Most GFLOPs (headline figure under the report's convention, 2 x MACs).</summary>
    public double? MaxGFlops { get; init; }

    /// <summary>Most parameters.</summary>
    public long? MaxParameters { get; init; }

    /// <summary>Most resident bytes (weights + peak activations, or the training total when training).</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary>Longest estimated latency in milliseconds on the budget's device.</summary>
    public double? MaxLatencyMs { get; init; }

    /// <summary>Fewest estimated items per second on the budget's device.</summary>
    public double? MinFps { get; init; }

    /// <summary>True when no limit is set.</summary>
    public bool IsEmpty => MaxGFlops is null && MaxParameters is null && MaxMemoryBytes is null && MaxLatencyMs is null && MinFps is null;

    /// <summary>True when a limit needs a device estimate.</summary>
    public bool NeedsDevice => MaxLatencyMs is not null || MinFps is not null;
}
