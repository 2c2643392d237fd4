using FlopScope.Reports.Charts;

namespace FlopScope.Cli.Exporting;

/// <summary>One chart of a profile as SVG (stdout or a file).</summary>
public sealed class SvgExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "svg";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".svg"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => kind == ResultKind.Profile;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target)
    {
        var (chart, chartContext) = ChartDrawing.Of(context, Format);
        target.Text(output => output.Write(ChartRenderer.Svg(chart, chartContext)));
    }
}
