using FlopScope.Errors;
using FlopScope.Reports.Charts;

namespace FlopScope.Cli.Exporting;

/// <summary>The chart a result asks for (profile --chart), shared by the svg and png exporters.</summary>
internal static class ChartDrawing
{
    public static (IChart Chart, ChartContext Context) Of(ResultContext result, string format)
    {
        var chart = ChartCatalog.Get(result.View.Chart ?? throw new FlopScopeException($"--format {format} draws one chart: add --chart by-op|top-layers|modules|roofline."));
        var context = new ChartContext(result.Report!, result.Estimates.Count > 0 ? result.Estimates[0] : null, result.View.MeasuredSeconds);
        return chart.IsAvailable(context) ? (chart, context) : throw new FlopScopeException($"The {chart.Name} chart has nothing to draw for this model.");
    }
}
