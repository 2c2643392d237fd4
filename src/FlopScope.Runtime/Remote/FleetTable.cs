using System.Text.Json.Serialization;

namespace FlopScope.Runtime.Remote;

/// <summary>One row of the fleet comparison: a host's measured latency statistics, throughput and achieved
/// GFLOP/s, and (with a device) the roofline estimate next to the measurement; or its error.</summary>
public sealed record FleetRow
{
    /// <summary>The host, as given.</summary>
    [JsonPropertyName("host")]
    public required string Host { get; init; }

    /// <summary>Device id of the estimate; null without one.</summary>
    [JsonPropertyName("device")]
    public string? Device { get; init; }

    /// <summary>CPU model of the remote; null when the run failed.</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary>Architecture of the remote (x64, arm64).</summary>
    [JsonPropertyName("arch")]
    public string? Architecture { get; init; }

    /// <summary>Execution provider.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>Latency statistics of the timed runs, ms.</summary>
    [JsonPropertyName("latency")]
    public LatencyStats? Latency { get; init; }

    /// <summary>Inferences per second at the median.</summary>
    [JsonPropertyName("inferences_per_s")]
    public double? InferencesPerSecond { get; init; }

    /// <summary>Items (inferences x batch) per second at the median.</summary>
    [JsonPropertyName("items_per_s")]
    public double? ItemsPerSecond { get; init; }

    /// <summary>Achieved GFLOP/s at the median (FLOPs of the static profile, default convention of the run).</summary>
    [JsonPropertyName("achieved_gflops")]
    public double? AchievedGflops { get; init; }

    /// <summary>Estimated latency on <see cref="Device"/>, ms (roofline estimate).</summary>
    [JsonPropertyName("estimated_ms")]
    public double? EstimatedMs { get; init; }

    /// <summary>Estimated / measured median.</summary>
    [JsonPropertyName("estimate_ratio")]
    public double? EstimateRatio { get; init; }

    /// <summary>Why the run failed; null when it worked.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}

/// <summary>The fleet comparison table's figures, computed from the results (formatting is the caller's).</summary>
public static class FleetTable
{
    /// <summary>One row per result, in order.</summary>
    public static IReadOnlyList<FleetRow> Rows(IEnumerable<FleetResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Select(r => r.Report is not { } b
            ? new FleetRow { Host = r.Host.Target, Device = r.Host.Device, Error = r.Error }
            : new FleetRow
            {
                Host = r.Host.Target,
                Device = b.Estimate?.Device ?? r.Host.Device,
                Cpu = b.Machine.Cpu,
                Architecture = b.Machine.Architecture,
                Provider = b.Machine.Provider,
                Latency = b.Latency,
                InferencesPerSecond = b.InferencesPerSecond,
                ItemsPerSecond = b.ItemsPerSecond,
                AchievedGflops = b.AchievedGflops,
                EstimatedMs = b.Estimate?.EstimatedMs,
                EstimateRatio = b.Estimate is { } e && e.MeasuredMs > 0 ? e.EstimatedMs / e.MeasuredMs : null,
            }).ToArray();
    }
}
