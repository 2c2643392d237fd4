using System.Globalization;
using FlopScope.Hardware;
using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>The column sets of <c>estimate</c>: one row per device, and the slowest layers on one device.</summary>
public static class EstimateTables
{
    /// <summary>Columns of the per-device table; a Target column when <paramref name="target"/> is set.</summary>
    public static IReadOnlyList<Column<DeviceEstimate>> Devices(PerformanceTarget target)
    {
        var columns = new List<Column<DeviceEstimate>>
        {
            new("Device", "id", e => e.Device.Id, e => e.Device.Id, Numeric: false),
            new("Latency ms", "latency_ms", e => R(e.LatencyMs, "0.######"), e => F(e.LatencyMs, "0.###")),
            new("FPS", "items_per_second", e => R(e.ItemsPerSecond, "0.###"), e => F(e.ItemsPerSecond, "0.#"), Priority: 1),
            new("Energy mJ", "energy_mj", e => e.EnergyJoules is { } j ? R(j * 1e3, "0.######") : string.Empty, e => e.EnergyJoules is { } j ? F(j * 1e3, "0.###") : "-", Priority: 3),
            new("Needs", "required_bytes", e => e.RequiredBytes.ToString(CultureInfo.InvariantCulture), e => Units.Bytes(e.RequiredBytes), Priority: 2),
            new("Fits", "fits_in_memory", e => e.FitsInMemory is { } f ? (f ? "true" : "false") : string.Empty,
                e => e.FitsInMemory switch { true => "yes", false => "no", _ => "?" }, Numeric: false,
                Style: e => e.FitsInMemory switch { true => "green", false => "red", _ => null }, Priority: 1),
            new("Bound (nodes: compute/memory/overhead)", "bound", e => e.DominantBound.ToString().ToLowerInvariant(), BoundText, Numeric: false, Priority: 4, Fit: ColumnFit.Wrap),
        };
        if (target.IsSet)
        {
            columns.Add(new("Target", "meets_target", e => target.Meets(e) == true ? "true" : "false",
                e => target.Meets(e) == true ? "meets" : $"misses: needs {F(target.Shortfall(e), "0.##")}x faster", Numeric: false,
                Style: e => target.Meets(e) == true ? "green" : "red", Fit: ColumnFit.Wrap));
        }

        return columns;
    }

    /// <summary>Columns of the per-layer table of one device's estimate.</summary>
    public static IReadOnlyList<Column<LayerEstimate>> Layers(ProfileReport report, DeviceEstimate estimate)
    {
        var total = estimate.LatencySeconds;
        LayerProfile L(LayerEstimate e) => report.Layers[e.Index];
        return
        [
            new("#", "index", e => e.Index.ToString(CultureInfo.InvariantCulture), e => L(e).Index.ToString(CultureInfo.InvariantCulture), Priority: 2),
            new("Name", "name", e => L(e).Name, e => L(e).Name, Numeric: false, Fit: ColumnFit.Shorten),
            new("Op", "op", e => L(e).Op, e => L(e).Op, Numeric: false, Priority: 1),
            new("Total FLOPs", "total_flops", e => L(e).TotalFlops.ToString(CultureInfo.InvariantCulture), e => Units.Si(L(e).TotalFlops), Priority: 1),
            new("Bytes", "bytes", e => L(e).Traffic.TotalBytes.ToString(CultureInfo.InvariantCulture), e => Units.Bytes(L(e).Traffic.TotalBytes), Priority: 3),
            new("FLOP/B", "intensity", e => R(L(e).Intensity, "0.####"), e => F(L(e).Intensity, "0.##"), Priority: 3),
            new("Bound", "bound", e => e.Bound.ToString().ToLowerInvariant(), e => e.Bound.ToString().ToLowerInvariant(), Numeric: false, Priority: 2),
            new("Est. us", "time_us", e => R(e.Seconds * 1e6, "0.####"), e => F(e.Seconds * 1e6, "0.#")),
            new("% time", "time_percent", e => total == 0 ? "0" : R(100 * e.Seconds / total, "0.####"), e => Units.Percent(e.Seconds, total)),
        ];
    }

    private static string BoundText(DeviceEstimate e)
    {
        var counts = e.BoundCounts;
        return $"{e.DominantBound.ToString().ToLowerInvariant()} ({counts.GetValueOrDefault(Bound.Compute)}/{counts.GetValueOrDefault(Bound.Memory)}/{counts.GetValueOrDefault(Bound.Overhead)})";
    }

    private static string F(double v, string format) => double.IsInfinity(v) ? "inf" : v.ToString(format, CultureInfo.InvariantCulture);

    private static string R(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : string.Empty;
}
