using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>The column sets of the profile tables, built once per report and shared by every exporter.</summary>
public static class ReportTables
{
    /// <summary>Columns of the per-layer table.</summary>
    public static IReadOnlyList<Column<LayerProfile>> Layers(ProfileReport report)
    {
        var total = (double)report.Summary.TotalFlops;
        return
        [
            new("#", "index", l => l.Index.ToString(), l => l.Index.ToString(), Priority: 2),
            new("Name", "name", l => l.Name, l => l.Name, Numeric: false, Fit: ColumnFit.Shorten),
            new("Op", "op", l => l.Op, l => l.Op, Numeric: false),
            new("Module", "module", l => l.Module, l => l.Module, Numeric: false, Wide: true, Fit: ColumnFit.Shorten),
            new("Output shape", "outputs", l => string.Join(" ", l.Outputs), l => string.Join(" ", l.Outputs), Numeric: false, Priority: 3, Fit: ColumnFit.Wrap),
            Count("Params", "params", (LayerProfile l) => l.Parameters, priority: 2),
            Count("MACs", "macs", (LayerProfile l) => l.Macs, priority: 1),
            Count("FLOPs", "flops", (LayerProfile l) => l.Flops, wide: true),
            Count("Total FLOPs", "total_flops", (LayerProfile l) => l.TotalFlops),
            Percent(total, (LayerProfile l) => l.TotalFlops, priority: 1),
            new("Bytes", "bytes", l => l.Traffic.TotalBytes.ToString(), l => l.Traffic.TotalBytes == 0 ? "-" : Units.Bytes(l.Traffic.TotalBytes), Priority: 3),
            new("FLOP/B", "intensity", l => l.Intensity.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture), l => l.Intensity == 0 ? "-" : l.Intensity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), Priority: 4),
            new("Status", "status", l => StatusText(l), l => StatusText(l), Numeric: false, Wide: true, Fit: ColumnFit.Wrap),
        ];
    }

    /// <summary>Columns of the per-op-type table.</summary>
    public static IReadOnlyList<Column<OpTypeProfile>> ByOp(ProfileReport report)
    {
        var total = (double)report.Summary.TotalFlops;
        return
        [
            new("Op", "op", o => o.Op, o => o.Op, Numeric: false),
            new("Nodes", "count", o => o.Count.ToString(), o => o.Count.ToString(), Priority: 2),
            Count("Params", "params", (OpTypeProfile o) => o.Parameters, priority: 2),
            Count("MACs", "macs", (OpTypeProfile o) => o.Macs, priority: 1),
            Count("FLOPs", "flops", (OpTypeProfile o) => o.Flops, priority: 3),
            Count("Total FLOPs", "total_flops", (OpTypeProfile o) => o.TotalFlops),
            Percent(total, (OpTypeProfile o) => o.TotalFlops),
        ];
    }

    /// <summary>Columns of the per-module table.</summary>
    public static IReadOnlyList<Column<ModuleProfile>> ByModule(ProfileReport report)
    {
        var total = (double)report.Summary.TotalFlops;
        return
        [
            new("Module", "module", m => m.Module, m => m.Module, Numeric: false, Fit: ColumnFit.Shorten),
            new("Nodes", "nodes", m => m.Nodes.ToString(), m => m.Nodes.ToString(), Priority: 2),
            Count("Params", "params", (ModuleProfile m) => m.Parameters, priority: 2),
            Count("MACs", "macs", (ModuleProfile m) => m.Macs, priority: 1),
            Count("FLOPs", "flops", (ModuleProfile m) => m.Flops, priority: 3),
            Count("Total FLOPs", "total_flops", (ModuleProfile m) => m.TotalFlops),
            Percent(total, (ModuleProfile m) => m.TotalFlops),
        ];
    }

    /// <summary>Columns of a layer's roofline estimate on one device: bound, estimated microseconds, share of latency.</summary>
    public static IReadOnlyList<Column<LayerProfile>> Estimate(Hardware.DeviceEstimate estimate)
    {
        var byIndex = estimate.Layers.ToDictionary(l => l.Index);
        var total = estimate.LatencySeconds;
        Hardware.LayerEstimate? Of(LayerProfile l) => byIndex.GetValueOrDefault(l.Index);
        return
        [
            new("Bound", "bound", l => Of(l)?.Bound.ToString().ToLowerInvariant() ?? "", l => Of(l) is { Bound: not Hardware.Bound.None } e ? e.Bound.ToString().ToLowerInvariant() : "-", Numeric: false, Priority: 2),
            new("Est. \u00b5s", "est_us", l => Of(l) is { } e ? (e.Seconds * 1e6).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "",
                l => Of(l) is { Seconds: > 0 } e ? (e.Seconds * 1e6).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "-"),
            new("% time", "time_percent", l => Of(l) is { } e ? Share(e.Seconds, total) : "", l => Of(l) is { Seconds: > 0 } e ? Units.Percent(e.Seconds, total) : "-"),
        ];
    }

    private static string Share(double part, double total) =>
        total == 0 ? "0" : (100.0 * part / total).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A count column: exact integer in files, SI-prefixed in tables, "-" for zero.</summary>
    private static Column<T> Count<T>(string header, string key, Func<T, long> value, bool wide = false, int priority = 0) =>
        new(header, key, r => value(r).ToString(), r => value(r) == 0 ? "-" : Units.Si(value(r)), Wide: wide, Priority: priority);

    /// <summary>The share of the model's total FLOPs.</summary>
    private static Column<T> Percent<T>(double total, Func<T, long> totalFlops, int priority = 0) =>
        new("% total", "percent", r => Share(totalFlops(r), total), r => Units.Percent(totalFlops(r), total), Priority: priority);

    private static string Share(long part, double total) =>
        total == 0 ? "0" : (100.0 * part / total).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static string StatusText(LayerProfile l) => l.Status switch
    {
        Inference.NodeStatus.Unsupported => "unsupported",
        Inference.NodeStatus.Unresolved => "unresolved: " + l.Reason,
        _ => l.Notes.Count > 0 ? string.Join("; ", l.Notes) : "ok",
    };
}
