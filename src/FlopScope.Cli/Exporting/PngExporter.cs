using FlopScope.Reports.Charts;

namespace FlopScope.Cli.Exporting;

/// <summary>One chart of a profile as PNG (a file only).</summary>
public sealed class PngExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "png";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".png"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => kind == ResultKind.Profile;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target)
    {
        var (chart, chartContext) = ChartDrawing.Of(context, Format);
        target.Bytes(Format, () => ChartRenderer.Png(chart, chartContext));
    }
}
