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
            new("Runtime", "runtime", e => e.Runtime, e => e.Runtime, Numeric: false),
            new("Latency ms", "latency_ms", e => R(e.LatencyMs, "0.######"), e => F(e.LatencyMs, "0.###")),
            new("FPS", "items_per_second", e => R(e.ItemsPerSecond, "0.###"), e => F(e.ItemsPerSecond, "0.#"), Priority: 1),
            new("Energy mJ", "energy_mj", e => e.EnergyJoules is { } j ? R(j * 1e3, "0.######") : string.Empty, e => e.EnergyJoules is { } j ? F(j * 1e3, "0.###") : "-", Priority: 3),
            new("Needs", "required_bytes", e => e.RequiredBytes.ToString(CultureInfo.InvariantCulture), e => Units.Bytes(e.RequiredBytes), Priority: 2),
            new("Fits", "fits_in_memory", e => e.FitsInMemory is { } f ? (f ? "true" : "false") : string.Empty,
                e => e.FitsInMemory switch { true => "yes", false => "no", _ => "?" }, Numeric: false,
                Style: e => e.FitsInMemory switch { true => "green", false => "red", _ => null }, Priority: 1),
            new("Bound (kernels: compute/memory/overhead)", "bound", e => e.DominantBound.ToString().ToLowerInvariant(), BoundText, Numeric: false, Priority: 4, Fit: ColumnFit.Wrap),
        };
        if (target.IsSet)
        {
            columns.Add(new("Target", "meets_target", e => target.Meets(e) == true ? "true" : "false",
                e => target.Meets(e) == true ? "meets" : $"misses: needs {F(target.Shortfall(e), "0.##")}x faster", Numeric: false,
                Style: e => target.Meets(e) == true ? "green" : "red", Fit: ColumnFit.Wrap));
        }

        return columns;
    }

    /// <summary>Columns of the per-device training-step table (<c>estimate --training</c>).</summary>
    public static IReadOnlyList<Column<DeviceEstimate>> TrainingSteps() =>
    [
        new("Device", "id", e => e.Device.Id, e => e.Device.Id, Numeric: false),
        new("Runtime", "runtime", e => e.Runtime, e => e.Runtime, Numeric: false),
        new("Step ms", "training_step_ms", e => R(e.TrainingStep?.Milliseconds ?? 0, "0.######"), e => F(e.TrainingStep?.Milliseconds ?? 0, "0.###")),
        new("Forward ms", "forward_ms", e => R((e.TrainingStep?.ForwardSeconds ?? 0) * 1e3, "0.######"), e => F((e.TrainingStep?.ForwardSeconds ?? 0) * 1e3, "0.###")),
        new("Backward ms", "backward_ms", e => R((e.TrainingStep?.BackwardSeconds ?? 0) * 1e3, "0.######"), e => F((e.TrainingStep?.BackwardSeconds ?? 0) * 1e3, "0.###")),
        new("Optimizer ms", "optimizer_ms", e => R((e.TrainingStep?.OptimizerSeconds ?? 0) * 1e3, "0.######"), e => F((e.TrainingStep?.OptimizerSeconds ?? 0) * 1e3, "0.###")),
        new("Steps/s", "steps_per_second", e => R(e.TrainingStep is { Seconds: > 0 } t ? 1 / t.Seconds : 0, "0.###"), e => F(e.TrainingStep is { Seconds: > 0 } t ? 1 / t.Seconds : 0, "0.#")),
        new("Needs", "required_bytes", e => e.RequiredBytes.ToString(CultureInfo.InvariantCulture), e => Units.Bytes(e.RequiredBytes)),
        new("Fits", "fits_in_memory", e => e.FitsInMemory is { } f ? (f ? "true" : "false") : string.Empty,
            e => e.FitsInMemory switch { true => "yes", false => "no", _ => "?" }, Numeric: false,
            Style: e => e.FitsInMemory switch { true => "green", false => "red", _ => null }),
    ];

    /// <summary>Columns of the per-kernel table of one device's estimate: class, the nodes it covers, its bound.</summary>
    public static IReadOnlyList<Column<Kernels.KernelEstimate>> Kernels(DeviceEstimate estimate)
    {
        var total = estimate.LatencySeconds;
        return
        [
            new("#", "id", k => k.Kernel.Id.ToString(CultureInfo.InvariantCulture), k => k.Kernel.Id.ToString(CultureInfo.InvariantCulture)),
            new("Kernel", "op", k => k.Kernel.Op, k => k.Kernel.Op, Numeric: false),
            new("Class", "class", k => global::FlopScope.Kernels.KernelClasses.Id(k.Kernel.Class), k => global::FlopScope.Kernels.KernelClasses.Id(k.Kernel.Class), Numeric: false),
            new("Nodes", "nodes", k => string.Join(" ", k.Kernel.Nodes), k => k.Kernel.Nodes.Count == 0 ? "(inserted)" : string.Join(",", k.Kernel.Nodes), Numeric: false),
            new("FLOPs", "flops", k => k.Kernel.Flops.ToString(CultureInfo.InvariantCulture), k => Units.Si(k.Kernel.Flops)),
            new("Bytes", "bytes", k => k.Kernel.TotalBytes.ToString(CultureInfo.InvariantCulture), k => Units.Bytes(k.Kernel.TotalBytes)),
            new("Util", "compute_utilisation", k => R(k.ComputeUtilisation, "0.####"), k => Units.Percent(k.ComputeUtilisation, 1)),
            new("Bound", "bound", k => k.Bound.ToString().ToLowerInvariant(), k => k.Bound.ToString().ToLowerInvariant(), Numeric: false),
            new("Est. us", "time_us", k => R(k.Seconds * 1e6, "0.####"), k => F(k.Seconds * 1e6, "0.#")),
            new("% time", "time_percent", k => total == 0 ? "0" : R(100 * k.Seconds / total, "0.####"), k => Units.Percent(k.Seconds, total)),
        ];
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
