using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>Share of total FLOPs and of parameters per op type (the heaviest op types).</summary>
public sealed class ByOpChart : IChart
{
    /// <summary>Op types shown at most.</summary>
    public const int MaxOps = 12;

    /// <inheritdoc />
    public string Name => "by-op";

    /// <inheritdoc />
    public string Title => "FLOPs and parameters by op type";

    /// <inheritdoc />
    public bool IsAvailable(ChartContext context) => context.Report.ByOp.Count > 0;

    /// <inheritdoc />
    public string Caption(ChartContext context)
    {
        var n = context.Report.ByOp.Count;
        return $"Share of total FLOPs (all ops) and of parameters per op type at {context.Report.InputShapeText}"
            + (n > MaxOps ? $"; the {MaxOps} heaviest of {n} op types." : ".");
    }

    /// <inheritdoc />
    public Plot Build(ChartContext context)
    {
        var report = context.Report;
        var ops = report.ByOp.Take(MaxOps).ToList();
        var flops = (double)report.Summary.TotalFlops;
        var parameters = (double)report.Summary.Parameters.Total;
        var plot = ChartStyle.NewPlot(Title);
        ChartStyle.HorizontalBars(plot, ops.Select(o => $"{o.Op} x{o.Count}").ToList(),
        [
            ("% of total FLOPs", ops.Select(o => flops == 0 ? 0 : 100 * o.TotalFlops / flops).ToArray(), ChartStyle.Flops),
            ("% of parameters", ops.Select(o => parameters == 0 ? 0 : 100 * o.Parameters / parameters).ToArray(), ChartStyle.Parameters),
        ], "% of the model's total");
        return plot;
    }
}
