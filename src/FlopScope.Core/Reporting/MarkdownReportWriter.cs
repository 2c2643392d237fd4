using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>Markdown for pull-request comments and docs: summary, missing ops, op types, modules and layers.</summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public void Write(ProfileReport report, ReportView view, TextWriter output)
    {
        var s = report.Summary;
        output.Write($"## {s.Model}\n\n");
        output.Write($"{SummaryLine.Format(report)}\n\n");
        output.Write("| | |\n|---|---|\n");
        output.Write($"| Input | {report.InputShapeText} |\n");
        if (report.Scaling is { } scaling)
        {
            output.Write($"| Scaled | {scaling.Describe(s)} |\n");
        }

        output.Write($"| Parameters | {Units.Grouped(s.Parameters.Total)} ({Units.Bytes(s.Parameters.Bytes)}) |\n");
        if (ParameterText.Unique(s.Parameters) is { } unique)
        {
            output.Write($"| Unique parameters | {unique} |\n");
        }

        output.Write($"| MACs | {Units.Grouped(s.Macs)} |\n");
        output.Write($"| FLOPs (2 x MACs) | {Units.Grouped(s.Flops)} |\n");
        output.Write($"| Total FLOPs (all ops) | {Units.Grouped(s.TotalFlops)} |\n");
        output.Write($"| Convention | {ConventionText.Name(s.Convention)}: {ConventionText.Describe(s.Convention)} |\n\n");
        if (view.Baseline is { } baseline)
        {
            WriteBaseline(output, report, baseline);
        }

        if (!s.IsComplete)
        {
            output.Write("**Not counted** (cost missing from every total):\n\n");
            foreach (var issue in s.Unsupported)
            {
                output.Write($"- unsupported `{issue.Op}` x {issue.Nodes}\n");
            }

            foreach (var issue in s.Unresolved)
            {
                output.Write($"- unresolved `{issue.Op}` x {issue.Nodes}: {issue.Reason}\n");
            }

            output.Write('\n');
        }

        output.Write("### By op type\n\n");
        Table(output, ReportTables.ByOp(report), report.ByOp);
        output.Write($"\n### By module (depth {report.ModuleDepth})\n\n");
        Table(output, ReportTables.ByModule(report), report.ByModule);
        output.Write(view.Top is { } top ? $"\n### Top {top} layers\n\n" : "\n### Layers\n\n");
        Table(output, ReportTables.Layers(report), view.Top is { } n ? report.Top(n) : report.Layers);
    }

    /// <summary>Writes the comparison with a baseline: one bold line of changes, then baseline and current values.</summary>
    public static void WriteBaseline(TextWriter output, ProfileReport report, ProfileBaseline baseline)
    {
        var deltas = BaselineComparison.Compare(report, baseline);
        output.Write($"**{BaselineComparison.Line(report, baseline)}**\n\n");
        output.Write("| | Baseline | This | Change |\n|---|---:|---:|---:|\n");
        foreach (var d in deltas)
        {
            output.Write($"| {d.Name} | {d.BaselineText} | {d.CurrentText} | {Escape(d.Delta)} |\n");
        }

        output.Write('\n');
        var caveats = BaselineComparison.Caveats(report, baseline);
        foreach (var caveat in caveats)
        {
            output.Write($"> note: {caveat}\n");
        }

        if (caveats.Count > 0)
        {
            output.Write('\n');
        }
    }

    /// <summary>Writes a Markdown table of <paramref name="rows"/>.</summary>
    public static void Table<T>(TextWriter output, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows)
    {
        output.Write("| " + string.Join(" | ", columns.Select(c => c.Header)) + " |\n");
        output.Write("|" + string.Join("|", columns.Select(c => c.Numeric ? "---:" : "---")) + "|\n");
        foreach (var row in rows)
        {
            output.Write("| " + string.Join(" | ", columns.Select(c => Escape(c.Text(row)))) + " |\n");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|");
}
