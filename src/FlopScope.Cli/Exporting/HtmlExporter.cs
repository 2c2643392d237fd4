using FlopScope.Reports.Html;

namespace FlopScope.Cli.Exporting;

/// <summary>One self-contained HTML page of a profile (sortable tables and charts) or of a language model's phases
/// (FlopScope.Reports).</summary>
public sealed class HtmlExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".html", ".htm"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => kind is ResultKind.Profile or ResultKind.Llm;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target)
    {
        if (context.Kind == ResultKind.Llm)
        {
            target.Text(output => LlmHtmlWriter.Write(context.Llm!, output, context.View.ModelPath));
            return;
        }

        var writer = new HtmlReportWriter(new HtmlReportOptions
        {
            Estimate = context.Estimates.Count > 0 ? context.Estimates[0] : null,
            MeasuredSeconds = context.View.MeasuredSeconds,
        });
        target.Text(output => writer.Write(context.Report!, context.ToReportView(), output));
    }
}
