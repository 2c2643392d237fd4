using FlopScope.Errors;

namespace FlopScope.Reports.Charts;

/// <summary>The charts of a report, in page order.</summary>
public static class ChartCatalog
{
    /// <summary>Every chart, in the order the HTML report shows them.</summary>
    public static IReadOnlyList<IChart> All { get; } =
        [new ByOpChart(), new TopLayersChart(), new ModulesChart(), new RooflineChart(), new MeasuredVsEstimatedChart()];

    /// <summary>The chart named <paramref name="name"/>; throws <see cref="FlopScopeException"/> naming the choices.</summary>
    public static IChart Get(string name) =>
        All.FirstOrDefault(c => c.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FlopScopeException($"Unknown chart '{name}'; use {string.Join(", ", All.Select(c => c.Name))}.");
}
