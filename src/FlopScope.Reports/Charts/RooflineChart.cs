using FlopScope.Hardware;
using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>
/// Log-log roofline: arithmetic intensity (FLOP/byte) against attainable GFLOP/s. With a device estimate the compute
/// roof and the bandwidth roof come from the estimator and each layer sits at its estimated attained GFLOP/s, coloured
/// by what bounds it. Without one no roofs are drawn (none would be honest) and layers are placed by intensity against
/// their work in GFLOP instead; the caption says so.
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
    public string Caption(ChartContext context) => context.Estimate is { } e
        ? $"Layers at {context.Report.InputShapeText} by arithmetic intensity (total FLOPs / bytes moved) and estimated attained GFLOP/s on {e.Device.Name} "
          + $"({e.Precision.ToString().ToLowerInvariant()}); compute roof {ChartStyle.Power(e.RoofFlopsPerSecond / 1e9)} GFLOP/s = peak x {e.Device.ComputeEfficiency:0.##} efficiency, "
          + $"bandwidth roof {e.RoofBytesPerSecond / 1e9:0.#} GB/s = bandwidth x {e.Device.MemoryEfficiency:0.##} efficiency, ridge at {e.RidgeIntensity:0.#} FLOP/byte. "
          + "Points below the roofs lose time to per-kernel overhead. Estimates, not measurements."
        : $"No device given (--device ID): roofs omitted. Layers at {context.Report.InputShapeText} are placed by arithmetic intensity (total FLOPs / bytes moved) "
          + "against their work in GFLOP; pass --device to draw a device's compute and bandwidth roofs and place layers at their estimated GFLOP/s.";

    /// <inheritdoc />
    public Plot Build(ChartContext context)
    {
        var report = context.Report;
        var plot = ChartStyle.NewPlot(context.Estimate is { } d ? $"Roofline on {d.Device.Id}" : "Arithmetic intensity (no device: roofs omitted)");
        var layers = report.Layers.Where(l => !l.Free && l.Intensity > 0 && l.TotalFlops > 0).ToList();
        plot.XLabel("arithmetic intensity, FLOP/byte (log)", 13);
        ChartStyle.LogTicks(plot.Axes.Bottom);
        ChartStyle.LogTicks(plot.Axes.Left);
        if (layers.Count == 0)
        {
            return plot;
        }

        var minX = Math.Floor(Math.Log10(layers.Min(l => l.Intensity)));
        var maxX = Math.Ceiling(Math.Log10(layers.Max(l => l.Intensity)));
        if (context.Estimate is not { } estimate)
        {
            plot.YLabel("layer work, GFLOP (log)", 13);
            var xs = layers.Select(l => Math.Log10(l.Intensity)).ToArray();
            var ys = layers.Select(l => Math.Log10(l.TotalFlops / 1e9)).ToArray();
            var points = plot.Add.ScatterPoints(xs, ys, ChartStyle.Flops);
            points.MarkerSize = 7;
            plot.Axes.SetLimits(minX, Math.Max(maxX, minX + 1), Math.Floor(ys.Min()), Math.Ceiling(ys.Max()));
            return plot;
        }

        plot.YLabel("attainable GFLOP/s (log)", 13);
        var roofGflops = estimate.RoofFlopsPerSecond / 1e9;
        var roofGBs = estimate.RoofBytesPerSecond / 1e9;
        var ridge = estimate.RidgeIntensity;
        minX = Math.Min(minX, Math.Floor(Math.Log10(ridge)) - 1);
        maxX = Math.Max(maxX, Math.Ceiling(Math.Log10(ridge)) + 1);
        var bandwidth = plot.Add.Line(minX, Math.Log10(roofGBs * Math.Pow(10, minX)), Math.Log10(ridge), Math.Log10(roofGflops));
        bandwidth.LineWidth = 2.5f;
        bandwidth.LineColor = ChartStyle.Memory;
        bandwidth.LegendText = $"bandwidth roof {roofGBs:0.#} GB/s";
        var compute = plot.Add.Line(Math.Log10(ridge), Math.Log10(roofGflops), maxX, Math.Log10(roofGflops));
        compute.LineWidth = 2.5f;
        compute.LineColor = ChartStyle.Compute;
        compute.LegendText = $"compute roof {ChartStyle.Power(roofGflops)} GFLOP/s";

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
                group.Select(p => Math.Log10(p.Estimate.AttainedFlopsPerSecond / 1e9)).ToArray(),
                color);
            points.MarkerSize = 7;
            points.LegendText = $"{bound.ToString().ToLowerInvariant()}-bound layers ({group.Count})";
        }

        var ys2 = placed.Select(p => Math.Log10(p.Estimate.AttainedFlopsPerSecond / 1e9)).Append(Math.Log10(roofGflops)).ToList();
        var minY = Math.Min(Math.Floor(ys2.Min()), Math.Floor(Math.Log10(roofGBs * Math.Pow(10, minX))));
        plot.Axes.SetLimits(minX, maxX, minY, Math.Ceiling(Math.Log10(roofGflops) + 0.3));
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
