using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>Share of total FLOPs and of parameters per module at the report's depth.</summary>
public sealed class ModulesChart : IChart
{
    /// <summary>Modules shown at most (the heaviest, kept in model order).</summary>
    public const int MaxModules = 20;

    /// <inheritdoc />
    public string Name => "modules";

    /// <inheritdoc />
    public string Title => "Per-module breakdown";

    /// <inheritdoc />
    public bool IsAvailable(ChartContext context) => context.Report.ByModule.Count > 0;

    /// <inheritdoc />
    public string Caption(ChartContext context)
    {
        var n = context.Report.ByModule.Count;
        return $"Share of total FLOPs and of parameters per module (depth {context.Report.ModuleDepth}) in model order at {context.Report.InputShapeText}"
            + (n > MaxModules ? $"; the {MaxModules} heaviest of {n} modules." : ".");
    }

    /// <inheritdoc />
    public Plot Build(ChartContext context)
    {
        var report = context.Report;
        var heaviest = report.ByModule.OrderByDescending(m => m.TotalFlops).ThenByDescending(m => m.Parameters).Take(MaxModules).ToHashSet();
        var modules = report.ByModule.Where(heaviest.Contains).ToList();
        var flops = (double)report.Summary.TotalFlops;
        var parameters = (double)report.Summary.Parameters.Total;
        var plot = ChartStyle.NewPlot(Title);
        ChartStyle.HorizontalBars(plot, modules.Select(m => m.Module).ToList(),
        [
            ("% of total FLOPs", modules.Select(m => flops == 0 ? 0 : 100 * m.TotalFlops / flops).ToArray(), ChartStyle.Flops),
            ("% of parameters", modules.Select(m => parameters == 0 ? 0 : 100 * m.Parameters / parameters).ToArray(), ChartStyle.Parameters),
        ], "% of the model's total");
        return plot;
    }
}
