using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>Measured against estimated time of the slowest measured layers. Drawn only when measured times are
/// present (<see cref="ChartContext.MeasuredSeconds"/>, filled by a benchmark run).</summary>
public sealed class MeasuredVsEstimatedChart : IChart
{
    /// <summary>Layers shown.</summary>
    public const int Count = 15;

    /// <inheritdoc />
    public string Name => "measured";

    /// <inheritdoc />
    public string Title => "Measured vs estimated time";

    /// <inheritdoc />
    public bool IsAvailable(ChartContext context) => context.MeasuredSeconds is { Count: > 0 };

    /// <inheritdoc />
    public string Caption(ChartContext context) => context.Estimate is { } e
        ? $"Measured time and roofline estimate on {e.Device.Name} of the {Count} slowest measured layers at {context.Report.InputShapeText}, in microseconds."
        : $"Measured time of the {Count} slowest measured layers at {context.Report.InputShapeText}, in microseconds (no --device: no estimate to compare).";

    /// <inheritdoc />
    public Plot Build(ChartContext context)
    {
        var measured = context.MeasuredSeconds ?? new Dictionary<string, double>();
        var layers = context.Report.Layers.Where(l => measured.ContainsKey(l.Name))
            .OrderByDescending(l => measured[l.Name]).ThenBy(l => l.Index).Take(Count).ToList();
        var series = new List<(string, double[], Color)>
        {
            ("measured", layers.Select(l => measured[l.Name] * 1e6).ToArray(), ChartStyle.Measured),
        };
        if (context.Estimate is { } estimate)
        {
            var byIndex = estimate.Layers.ToDictionary(l => l.Index);
            series.Add(("estimated", layers.Select(l => byIndex.TryGetValue(l.Index, out var e) ? e.Seconds * 1e6 : 0).ToArray(), ChartStyle.Estimated));
        }

        var plot = ChartStyle.NewPlot(Title);
        ChartStyle.HorizontalBars(plot, layers.Select(ChartStyle.LayerLabel).ToList(), series, "time per layer, \u00b5s");
        return plot;
    }
}
