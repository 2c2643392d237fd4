using System.Globalization;
using FlopScope.Hardware;
using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>
/// Log-log roofline: arithmetic intensity (FLOP/byte) against attainable FLOP/s, in the unit the roof calls for
/// (GFLOP/s, TFLOP/s or PFLOP/s, never "49.56K GFLOP/s"). With a device estimate the compute roof, the bandwidth roof
/// and, when the device models a cache level, the cache roof come from the estimator, and each layer sits at its
/// estimated attained rate, coloured by what bounds it (estimates sit on or under a roof by construction). Measured
/// per-layer times (a bench result) add each measured layer at its measured rate, which is what shows how far from
/// the roofs a layer really runs. Without a device no roofs are drawn (none would be honest): layers are placed by
/// measured rate when measured, else by their work in GFLOP; the caption says so.
/// </summary>
public sealed class RooflineChart : IChart
{
    /// <inheritdoc />
    public string Name => "roofline";

    /// <inheritdoc />
    public string Title => "Roofline";

    /// <inheritdoc />
    public bool IsAvailable(ChartContext context) => context.Report.Layers.Any(l => l.Intensity > 0);

    /// <inheritdoc />
    public string Caption(ChartContext context)
    {
        var measured = Measured(context).Count;
        var measuredText = measured > 0 ? $" Purple diamonds: {measured} layers at their measured rate (total FLOPs / measured time)." : string.Empty;
        if (context.Estimate is not { } e)
        {
            return measured > 0
                ? $"No device given (--device ID): roofs omitted. Layers at {context.Report.InputShapeText} are placed by arithmetic intensity (total FLOPs / bytes moved) "
                  + "against their measured FLOP/s." + measuredText
                : $"No device given (--device ID): roofs omitted. Layers at {context.Report.InputShapeText} are placed by arithmetic intensity (total FLOPs / bytes moved) "
                  + "against their work in GFLOP; pass --device to draw a device's compute and bandwidth roofs and place layers at their estimated FLOP/s.";
        }

        var cache = e.Device.CacheBandwidthGBs is { } cacheGBs && e.Device.CacheBytes is { } cacheBytes
            ? $" cache roof {cacheGBs * e.Device.MemoryEfficiency:0.#} GB/s for layers whose bytes fit {Reporting.Units.Bytes(cacheBytes)};"
            : string.Empty;
        return $"Layers at {context.Report.InputShapeText} by arithmetic intensity (total FLOPs / bytes moved) and estimated attained FLOP/s on {e.Device.Name} "
            + $"({e.Precision.ToString().ToLowerInvariant()}); compute roof {Rate(e.RoofFlopsPerSecond)} = peak x {e.Device.ComputeEfficiency:0.##} efficiency, "
            + $"bandwidth roof {e.RoofBytesPerSecond / 1e9:0.#} GB/s = bandwidth x {e.Device.MemoryEfficiency:0.##} efficiency,{cache} ridge at {e.RidgeIntensity:0.#} FLOP/byte. "
            + "Estimated points sit on or under a roof by construction: below the roofs they lose time to per-kernel overhead. Estimates, not measurements."
            + measuredText;
    }

    /// <summary>A rate in the SI unit that keeps it between 1 and 1000: <c>49.56 TFLOP/s</c>, <c>184 GFLOP/s</c>.</summary>
    public static string Rate(double flopsPerSecond)
    {
        var (divisor, unit) = Unit(flopsPerSecond);
        return (flopsPerSecond / divisor).ToString("0.##", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>The FLOP/s unit for an axis whose largest value is <paramref name="max"/>.</summary>
    public static (double Divisor, string Unit) Unit(double max) => max switch
    {
        >= 1e15 => (1e15, "PFLOP/s"),
        >= 1e12 => (1e12, "TFLOP/s"),
        >= 1e9 => (1e9, "GFLOP/s"),
        >= 1e6 => (1e6, "MFLOP/s"),
        _ => (1, "FLOP/s"),
    };

    /// <inheritdoc />
    public Plot Build(ChartContext context)
    {
        var report = context.Report;
        var plot = ChartStyle.NewPlot(context.Estimate is { } d ? $"Roofline on {d.Device.Id}" : "Arithmetic intensity (no device: roofs omitted)");
        var layers = report.Layers.Where(l => !l.Free && l.Intensity > 0 && l.TotalFlops > 0).ToList();
        var measured = Measured(context);
        plot.XLabel("arithmetic intensity, FLOP/byte (log)", 13);
        ChartStyle.LogTicks(plot.Axes.Bottom);
        if (layers.Count == 0)
        {
            ChartStyle.LogTicks(plot.Axes.Left);
            return plot;
        }

        var minX = Math.Floor(Math.Log10(layers.Min(l => l.Intensity)));
        var maxX = Math.Ceiling(Math.Log10(layers.Max(l => l.Intensity)));
        if (context.Estimate is not { } estimate)
        {
            if (measured.Count > 0)
            {
                var (divisor, unit) = Unit(measured.Max(m => m.Rate));
                plot.YLabel($"measured {unit} (log)", 13);
                PlainLogTicks(plot.Axes.Left);
                var ys = AddMeasured(plot, measured, divisor);
                plot.Axes.SetLimits(minX, Math.Max(maxX, minX + 1), Math.Floor(ys.Min()), Math.Ceiling(ys.Max()));
                plot.ShowLegend(Alignment.LowerRight);
                return plot;
            }

            plot.YLabel("layer work, GFLOP (log)", 13);
            ChartStyle.LogTicks(plot.Axes.Left);
            var xs = layers.Select(l => Math.Log10(l.Intensity)).ToArray();
            var work = layers.Select(l => Math.Log10(l.TotalFlops / 1e9)).ToArray();
            var points = plot.Add.ScatterPoints(xs, work, ChartStyle.Flops);
            points.MarkerSize = 7;
            plot.Axes.SetLimits(minX, Math.Max(maxX, minX + 1), Math.Floor(work.Min()), Math.Ceiling(work.Max()));
            return plot;
        }

        var (scale, rateUnit) = Unit(estimate.RoofFlopsPerSecond);
        plot.YLabel($"attainable {rateUnit} (log)", 13);
        PlainLogTicks(plot.Axes.Left);
        var roof = estimate.RoofFlopsPerSecond / scale;
        var roofBytes = estimate.RoofBytesPerSecond / scale; // FLOP/s per FLOP/byte in the axis unit
        var ridge = estimate.RidgeIntensity;
        minX = Math.Min(minX, Math.Floor(Math.Log10(ridge)) - 1);
        maxX = Math.Max(maxX, Math.Ceiling(Math.Log10(ridge)) + 1);
        if (estimate.Device.CacheBandwidthGBs is { } cacheGBs && estimate.Device.CacheBytes is not null)
        {
            // The cache level's bandwidth (at the same efficiency the estimator applies) up to its own ridge.
            var cacheBytes = cacheGBs * 1e9 * estimate.Device.MemoryEfficiency / scale;
            var cacheRidge = roof / cacheBytes;
            var cacheLine = plot.Add.Line(minX, Math.Log10(cacheBytes * Math.Pow(10, minX)), Math.Log10(cacheRidge), Math.Log10(roof));
            cacheLine.LineWidth = 2f;
            cacheLine.LinePattern = LinePattern.Dashed;
            cacheLine.LineColor = ChartStyle.Overhead;
            cacheLine.LegendText = $"cache roof {cacheGBs * estimate.Device.MemoryEfficiency:0.#} GB/s";
            minX = Math.Min(minX, Math.Floor(Math.Log10(cacheRidge)) - 1);
        }

        var bandwidth = plot.Add.Line(minX, Math.Log10(roofBytes * Math.Pow(10, minX)), Math.Log10(ridge), Math.Log10(roof));
        bandwidth.LineWidth = 2.5f;
        bandwidth.LineColor = ChartStyle.Memory;
        bandwidth.LegendText = $"bandwidth roof {estimate.RoofBytesPerSecond / 1e9:0.#} GB/s";
        var compute = plot.Add.Line(Math.Log10(ridge), Math.Log10(roof), maxX, Math.Log10(roof));
        compute.LineWidth = 2.5f;
        compute.LineColor = ChartStyle.Compute;
        compute.LegendText = $"compute roof {Rate(estimate.RoofFlopsPerSecond)}";

        var byIndex = estimate.Layers.ToDictionary(l => l.Index);
        var placed = layers.Where(l => byIndex.TryGetValue(l.Index, out var e) && e.AttainedFlopsPerSecond > 0)
            .Select(l => (Layer: l, Estimate: byIndex[l.Index])).ToList();
        foreach (var (bound, color) in new[] { (Bound.Compute, ChartStyle.Compute), (Bound.Memory, ChartStyle.Memory), (Bound.Overhead, ChartStyle.Overhead) })
        {
            var group = placed.Where(p => p.Estimate.Bound == bound).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            var points = plot.Add.ScatterPoints(
                group.Select(p => Math.Log10(p.Layer.Intensity)).ToArray(),
                group.Select(p => Math.Log10(p.Estimate.AttainedFlopsPerSecond / scale)).ToArray(),
                color);
            points.MarkerSize = 7;
            points.LegendText = $"estimated, {bound.ToString().ToLowerInvariant()}-bound ({group.Count})";
        }

        var ys2 = placed.Select(p => Math.Log10(p.Estimate.AttainedFlopsPerSecond / scale))
            .Concat(AddMeasured(plot, measured, scale))
            .Append(Math.Log10(roof)).ToList();
        var minY = Math.Min(Math.Floor(ys2.Min()), Math.Floor(Math.Log10(roofBytes * Math.Pow(10, minX))));
        plot.Axes.SetLimits(minX, maxX, minY, Math.Ceiling(Math.Max(ys2.Max(), Math.Log10(roof)) + 0.3));
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Layers with a measured time: intensity and measured FLOP/s (total FLOPs / measured seconds).</summary>
    internal static IReadOnlyList<(double Intensity, double Rate)> Measured(ChartContext context)
    {
        if (context.MeasuredSeconds is not { Count: > 0 } seconds)
        {
            return [];
        }

        return context.Report.Layers
            .Where(l => !l.Free && l.Intensity > 0 && l.TotalFlops > 0 && seconds.TryGetValue(l.Name, out var s) && s > 0)
            .Select(l => (l.Intensity, l.TotalFlops / seconds[l.Name]))
            .ToArray();
    }

    private static double[] AddMeasured(Plot plot, IReadOnlyList<(double Intensity, double Rate)> measured, double scale)
    {
        if (measured.Count == 0)
        {
            return [];
        }

        var ys = measured.Select(m => Math.Log10(m.Rate / scale)).ToArray();
        var points = plot.Add.ScatterPoints(measured.Select(m => Math.Log10(m.Intensity)).ToArray(), ys, ChartStyle.Measured);
        points.MarkerShape = MarkerShape.FilledDiamond;
        points.MarkerSize = 8;
        points.LegendText = $"measured ({measured.Count})";
        return ys;
    }

    /// <summary>Log10 ticks labelled as plain numbers (0.1, 1, 10, 1,000): the unit is in the axis label.</summary>
    private static void PlainLogTicks(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            LabelFormatter = v => Math.Pow(10, v).ToString(v >= 0 ? "#,0" : "0.#####", CultureInfo.InvariantCulture),
        };
    }
}
