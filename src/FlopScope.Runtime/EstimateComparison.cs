using System.Text.Json.Serialization;
using FlopScope.Hardware;
using FlopScope.Profiling;

namespace FlopScope.Runtime;

/// <summary>Estimated (roofline on a device profile) versus measured time, for the model and per op type.</summary>
public sealed record EstimateComparison
{
    /// <summary>Device id of the estimate.</summary>
    [JsonPropertyName("device")]
    public required string Device { get; init; }

    /// <summary>Runtime the estimate assumes (the device's usual one).</summary>
    [JsonPropertyName("runtime")]
    public string Runtime { get; init; } = string.Empty;

    /// <summary>Estimated latency, ms.</summary>
    [JsonPropertyName("estimated_ms")]
    public required double EstimatedMs { get; init; }

    /// <summary>Measured median latency, ms.</summary>
    [JsonPropertyName("measured_ms")]
    public required double MeasuredMs { get; init; }

    /// <summary>Per op type of the original nodes: estimated and measured (profiled, per run) time; empty when layers
    /// were not timed.</summary>
    [JsonPropertyName("by_op")]
    public required IReadOnlyList<OpEstimate> ByOp { get; init; }

    /// <summary>Estimated / measured.</summary>
    [JsonIgnore]
    public double Ratio => MeasuredMs > 0 ? EstimatedMs / MeasuredMs : double.NaN;

    /// <summary>Joins a bench report with the estimate of the same model on <paramref name="device"/>.</summary>
    public static EstimateComparison Create(BenchReport bench, ProfileReport profile, DeviceProfile device)
    {
        var estimate = RooflineEstimator.Estimate(profile, device);
        var measured = bench.Layers?.Layers.ToDictionary(l => l.Index, l => l.TimeMs) ?? [];
        var byOp = profile.Layers
            .GroupBy(l => l.Op)
            .Select(g => new OpEstimate(g.Key, g.Sum(l => estimate.Layers[l.Index].Seconds * 1e3), bench.Layers is null ? null : g.Sum(l => measured.GetValueOrDefault(l.Index))))
            .Where(o => o.EstimatedMs > 0 || o.MeasuredMs > 0)
            .OrderByDescending(o => o.MeasuredMs ?? o.EstimatedMs)
            .ToArray();
        return new EstimateComparison { Device = device.Id, Runtime = estimate.Runtime, EstimatedMs = estimate.LatencyMs, MeasuredMs = bench.Latency.MedianMs, ByOp = byOp };
    }
}

/// <summary>Estimated and measured time of one op type.</summary>
/// <param name="Op">Op type.</param>
/// <param name="EstimatedMs">Estimated time, ms.</param>
/// <param name="MeasuredMs">Measured (profiled) time, ms; null when layers were not timed.</param>
public sealed record OpEstimate(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("estimated_ms")] double EstimatedMs,
    [property: JsonPropertyName("measured_ms")] double? MeasuredMs);
