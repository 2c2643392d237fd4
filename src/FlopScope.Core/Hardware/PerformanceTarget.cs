namespace FlopScope.Hardware;

/// <summary>What a deployment must reach: items per second, a latency limit, or both (none when both are null).</summary>
/// <param name="Fps">Items per second to reach, or null.</param>
/// <param name="MaxLatencyMs">Latency limit in ms, or null.</param>
public sealed record PerformanceTarget(double? Fps, double? MaxLatencyMs)
{
    /// <summary>True when a target is set.</summary>
    public bool IsSet => Fps is not null || MaxLatencyMs is not null;

    /// <summary>Whether the estimate meets the target; null when none is set.</summary>
    public bool? Meets(DeviceEstimate e) => !IsSet ? null
        : (Fps is not { } fps || e.ItemsPerSecond >= fps) && (MaxLatencyMs is not { } ms || e.LatencyMs <= ms);

    /// <summary>How many times faster the device would need to be to meet the target (at most 1 when it does).</summary>
    public double Shortfall(DeviceEstimate e) => Math.Max(
        Fps is { } fps ? fps / e.ItemsPerSecond : 0,
        MaxLatencyMs is { } ms ? e.LatencyMs / ms : 0);

    /// <summary>The estimates that meet the target first, fastest first; the given order when no target is set.</summary>
    public IReadOnlyList<DeviceEstimate> Rank(IReadOnlyList<DeviceEstimate> estimates) => !IsSet
        ? estimates
        : estimates.OrderByDescending(e => Meets(e) == true).ThenBy(e => e.LatencySeconds).ToList();
}
