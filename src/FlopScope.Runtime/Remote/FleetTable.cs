using System.Globalization;
using System.Text.Json.Serialization;
using FlopScope.Reporting;

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

/// <summary>The fleet comparison table: its figures (<see cref="Rows"/>), computed from the results, and its columns,
/// which every exporter shows in the same order.</summary>
public static class FleetTable
{
    /// <summary>Schema id of the fleet table's JSON document.</summary>
    public const string SchemaId = "flopscope.fleet/1";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The table's title: model, what is measured, with what.</summary>
    public static string Title(BenchReport? any) => any is null
        ? "Fleet: measured on each host (every host failed)"
        : string.Create(Invariant, $"{any.Model} measured on each host: ONNX Runtime, batch {any.Batch}, latency in ms (median of the timed runs)");

    /// <summary>The note under the table: what GFLOP/s and the estimate are.</summary>
    public static string Note(BenchReport? any) => any is null
        ? "No host produced a result."
        : string.Create(Invariant,
            $"GFLOP/s = {any.TotalFlops / 1e9:F3} GFLOPs per inference (static profile made here, FLOPs = 2 x MACs) / median latency. est. ms is a roofline estimate on the host's device (docs/estimator.md), not a measurement. Each host's full result: --output-dir DIR.");

    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<Column<FleetRow>> Columns() =>
    [
        new("host", "host", r => r.Host, r => r.Host, Numeric: false),
        new("status", "status", r => r.Error is null ? "ok" : "failed", r => r.Error is null ? "ok" : "failed", Numeric: false, Style: r => r.Error is null ? null : "red"),
        new("cpu", "cpu", r => r.Cpu ?? string.Empty, r => r.Cpu is null ? "-" : $"{r.Cpu} ({r.Architecture})", Numeric: false, Wide: true),
        new("arch", "arch", r => r.Architecture ?? string.Empty, r => r.Architecture ?? "-", Numeric: false, JsonOnly: true),
        new("provider", "provider", r => r.Provider ?? string.Empty, r => r.Provider ?? "-", Numeric: false),
        new("runs", "runs", r => Raw(r.Latency?.Runs), r => r.Latency is { } l ? l.Runs.ToString(Invariant) : "-"),
        new("median ms", "median_ms", r => Raw(r.Latency?.MedianMs), r => Ms(r.Latency?.MedianMs)),
        new("p90 ms", "p90_ms", r => Raw(r.Latency?.P90Ms), r => Ms(r.Latency?.P90Ms)),
        new("min ms", "min_ms", r => Raw(r.Latency?.MinMs), r => Ms(r.Latency?.MinMs)),
        new("std dev ms", "std_dev_ms", r => Raw(r.Latency?.StdDevMs), r => Ms(r.Latency?.StdDevMs), Wide: true),
        new("inferences/s", "inferences_per_s", r => Raw(r.InferencesPerSecond), r => Fixed(r.InferencesPerSecond, "F1")),
        new("items/s", "items_per_s", r => Raw(r.ItemsPerSecond), r => Fixed(r.ItemsPerSecond, "F1"), Wide: true),
        new("GFLOP/s", "achieved_gflops", r => Raw(r.AchievedGflops), r => Fixed(r.AchievedGflops, "F1")),
        new("device", "device", r => r.Device ?? string.Empty, r => r.Device ?? "-", Numeric: false),
        new("est. ms", "estimated_ms", r => Raw(r.EstimatedMs), r => Ms(r.EstimatedMs)),
        new("est / meas", "estimate_ratio", r => Raw(r.EstimateRatio), r => Fixed(r.EstimateRatio, "0.00")),
        new("error", "error", r => r.Error ?? string.Empty, r => r.Error ?? string.Empty, Numeric: false, JsonOnly: true),
    ];

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

    private static string Raw(double? value) => value is { } v ? v.ToString("R", Invariant) : string.Empty;

    private static string Raw(int? value) => value is { } v ? v.ToString(Invariant) : string.Empty;

    private static string Ms(double? ms) => ms is { } v ? v.ToString(v < 1 ? "F3" : "F2", Invariant) : "-";

    private static string Fixed(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "-";
}
