using FlopScope.Reports.Html;

namespace FlopScope.Cli.Exporting;

/// <summary>One self-contained HTML page of a profile: sortable tables and charts (FlopScope.Reports).</summary>
public sealed class HtmlExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".html", ".htm"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => kind == ResultKind.Profile;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target)
    {
        var writer = new HtmlReportWriter(new HtmlReportOptions
        {
            Estimate = context.Estimates.Count > 0 ? context.Estimates[0] : null,
            MeasuredSeconds = context.View.MeasuredSeconds,
        });
        target.Text(output => writer.Write(context.Report!, context.ToReportView(), output));
    }
}
