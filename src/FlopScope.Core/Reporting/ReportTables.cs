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
            new("#", "index", l => l.Index.ToString(), l => l.Index.ToString()),
            new("Name", "name", l => l.Name, l => l.Name, Numeric: false),
            new("Op", "op", l => l.Op, l => l.Op, Numeric: false),
            new("Module", "module", l => l.Module, l => l.Module, Numeric: false, Wide: true),
            new("Output shape", "outputs", l => string.Join(" ", l.Outputs), l => string.Join(" ", l.Outputs), Numeric: false),
            new("Params", "params", l => l.Parameters.ToString(), l => l.Parameters == 0 ? "-" : Units.Si(l.Parameters)),
            new("MACs", "macs", l => l.Macs.ToString(), l => l.Macs == 0 ? "-" : Units.Si(l.Macs)),
            new("FLOPs", "flops", l => l.Flops.ToString(), l => l.Flops == 0 ? "-" : Units.Si(l.Flops), Wide: true),
            new("Total FLOPs", "total_flops", l => l.TotalFlops.ToString(), l => l.TotalFlops == 0 ? "-" : Units.Si(l.TotalFlops)),
            new("% total", "percent", l => Share(l.TotalFlops, total), l => Units.Percent(l.TotalFlops, total)),
            new("Bytes", "bytes", l => l.Traffic.TotalBytes.ToString(), l => l.Traffic.TotalBytes == 0 ? "-" : Units.Bytes(l.Traffic.TotalBytes)),
            new("FLOP/B", "intensity", l => l.Intensity.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture), l => l.Intensity == 0 ? "-" : l.Intensity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)),
            new("Status", "status", l => StatusText(l), l => StatusText(l), Numeric: false, Wide: true),
        ];
    }

    /// <summary>Columns of the per-op-type table.</summary>
    public static IReadOnlyList<Column<OpTypeProfile>> ByOp(ProfileReport report)
    {
        var total = (double)report.Summary.TotalFlops;
        return
        [
            new("Op", "op", o => o.Op, o => o.Op, Numeric: false),
            new("Nodes", "count", o => o.Count.ToString(), o => o.Count.ToString()),
            new("Params", "params", o => o.Parameters.ToString(), o => o.Parameters == 0 ? "-" : Units.Si(o.Parameters)),
            new("MACs", "macs", o => o.Macs.ToString(), o => o.Macs == 0 ? "-" : Units.Si(o.Macs)),
            new("FLOPs", "flops", o => o.Flops.ToString(), o => o.Flops == 0 ? "-" : Units.Si(o.Flops)),
            new("Total FLOPs", "total_flops", o => o.TotalFlops.ToString(), o => o.TotalFlops == 0 ? "-" : Units.Si(o.TotalFlops)),
            new("% total", "percent", o => Share(o.TotalFlops, total), o => Units.Percent(o.TotalFlops, total)),
        ];
    }

    /// <summary>Columns of the per-module table.</summary>
    public static IReadOnlyList<Column<ModuleProfile>> ByModule(ProfileReport report)
    {
        var total = (double)report.Summary.TotalFlops;
        return
        [
            new("Module", "module", m => m.Module, m => m.Module, Numeric: false),
            new("Nodes", "nodes", m => m.Nodes.ToString(), m => m.Nodes.ToString()),
            new("Params", "params", m => m.Parameters.ToString(), m => m.Parameters == 0 ? "-" : Units.Si(m.Parameters)),
            new("MACs", "macs", m => m.Macs.ToString(), m => m.Macs == 0 ? "-" : Units.Si(m.Macs)),
            new("FLOPs", "flops", m => m.Flops.ToString(), m => m.Flops == 0 ? "-" : Units.Si(m.Flops)),
            new("Total FLOPs", "total_flops", m => m.TotalFlops.ToString(), m => m.TotalFlops == 0 ? "-" : Units.Si(m.TotalFlops)),
            new("% total", "percent", m => Share(m.TotalFlops, total), m => Units.Percent(m.TotalFlops, total)),
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
            new("Bound", "bound", l => Of(l)?.Bound.ToString().ToLowerInvariant() ?? "", l => Of(l) is { Bound: not Hardware.Bound.None } e ? e.Bound.ToString().ToLowerInvariant() : "-", Numeric: false),
            new("Est. \u00b5s", "est_us", l => Of(l) is { } e ? (e.Seconds * 1e6).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "",
                l => Of(l) is { Seconds: > 0 } e ? (e.Seconds * 1e6).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "-"),
            new("% time", "time_percent", l => Of(l) is { } e ? Share(e.Seconds, total) : "", l => Of(l) is { Seconds: > 0 } e ? Units.Percent(e.Seconds, total) : "-"),
        ];
    }

    private static string Share(double part, double total) =>
        total == 0 ? "0" : (100.0 * part / total).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static string Share(long part, double total) =>
        total == 0 ? "0" : (100.0 * part / total).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);

    private static string StatusText(LayerProfile l) => l.Status switch
    {
        Inference.NodeStatus.Unsupported => "unsupported",
        Inference.NodeStatus.Unresolved => "unresolved: " + l.Reason,
        _ => l.Notes.Count > 0 ? string.Join("; ", l.Notes) : "ok",
    };
}
