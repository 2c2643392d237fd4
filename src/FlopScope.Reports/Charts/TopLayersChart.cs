using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>The heaviest layers by total FLOPs.</summary>
public sealed class TopLayersChart : IChart
{
    /// <summary>Layers shown.</summary>
    public const int Count = 15;

    /// <inheritdoc />
    public string Name => "top-layers";

    /// <inheritdoc />
    public string Title => $"Heaviest {Count} layers";

    /// <inheritdoc />
    public bool IsAvailable(ChartContext context) => context.Report.Layers.Any(l => l.TotalFlops > 0);

    /// <inheritdoc />
    public string Caption(ChartContext context) =>
        $"Total FLOPs (all arithmetic of the node) of the {Count} heaviest layers at {context.Report.InputShapeText}.";

    /// <inheritdoc />
    public Plot Build(ChartContext context)
    {
        var layers = context.Report.Top(Count).Where(l => l.TotalFlops > 0).ToList();
        var (divisor, prefix) = ChartStyle.Scale(layers.Select(l => (double)l.TotalFlops).DefaultIfEmpty(0).Max());
        var plot = ChartStyle.NewPlot(Title);
        ChartStyle.HorizontalBars(plot, layers.Select(ChartStyle.LayerLabel).ToList(),
            [("total FLOPs", layers.Select(l => l.TotalFlops / divisor).ToArray(), ChartStyle.Flops)], $"total {prefix}FLOP per layer");
        return plot;
    }
}
