using FlopScope.Cli.Rendering;
using FlopScope.Reporting;

namespace FlopScope.Cli.Exporting;

/// <summary>Markdown for pull-request comments and docs.</summary>
public sealed class MarkdownExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".md", ".markdown"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => kind is not ResultKind.Bench;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target) => target.Text(output =>
    {
        switch (context.Kind)
        {
            case ResultKind.Profile:
                new MarkdownReportWriter().Write(context.Report!, context.ToReportView(), output);
                break;
            case ResultKind.Sweep:
                SweepRenderer.Markdown(output, context.Sweep!);
                break;
            default:
                Document(output, context);
                break;
        }
    });

    /// <summary>Lines, tables (with a heading each when there is more than a lone table), notes.</summary>
    private static void Document(TextWriter output, ResultContext context)
    {
        foreach (var line in context.Lines)
        {
            output.Write(line + "\n\n");
        }

        var headings = context.Lines.Count > 0 || context.Tables.Count > 1;
        foreach (var table in context.Tables)
        {
            if (headings)
            {
                output.Write($"### {table.Title}\n\n");
            }

            var shown = Enumerable.Range(0, table.Columns.Count).Where(i => !table.Columns[i].JsonOnly).ToList();
            output.Write("| " + string.Join(" | ", shown.Select(i => table.Columns[i].Header)) + " |\n");
            output.Write("|" + string.Join("|", shown.Select(i => table.Columns[i].Numeric ? "---:" : "---")) + "|\n");
            foreach (var row in table.Rows)
            {
                output.Write("| " + string.Join(" | ", shown.Select(i => Escape(row[i].Text))) + " |\n");
            }

            if (headings)
            {
                output.Write('\n');
            }
        }

        foreach (var note in context.Notes)
        {
            output.Write($"> {note}\n");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
