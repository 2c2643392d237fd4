using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>
/// Markdown for pull-request comments and docs, under GitHub's 65,536-character comment limit by construction
/// (<see cref="MaxCharacters"/>): the summary (with deltas against a baseline, per op type and per module), the ops
/// not counted, the op-type and module tables, the heaviest layers, and, when every layer is asked for, the rest in a
/// collapsed section for as many rows as fit. Whatever does not fit is counted in a line that points to the CSV.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <summary>GitHub's limit on the body of an issue or pull-request comment, in characters; documents stay below it.</summary>
    public const int MaxCharacters = 65_536;

    /// <summary>Heaviest layers shown when the view asks for every layer (the rest go in a collapsed section).</summary>
    public const int DefaultTop = 15;

    // Most rows a summary table (op types, modules, changes) shows before it says how many it left out.
    private const int MaxGroupRows = 40;
    private const int MaxDeltaRows = 20;
    private const int MaxIssues = 20;
    // Room kept for the notes that close each section and the document.
    private const int Reserve = 400;

    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public void Write(ProfileReport report, ReportView view, TextWriter output)
    {
        var s = report.Summary;
        var md = new MarkdownBudget(MaxCharacters - 1);
        md.TryAppend($"## {MarkdownBudget.Cell(s.Model)}\n\n");
        md.TryAppend($"{SummaryLine.Format(report)}\n\n");
        md.TryAppend("| | |\n|---|---|\n");
        md.TryAppend($"| Input | {MarkdownBudget.Cell(report.InputShapeText)} |\n");
        if (report.Scaling is { } scaling)
        {
            md.TryAppend($"| Scaled | {scaling.Describe(s)} |\n");
        }

        md.TryAppend($"| Parameters | {Units.Grouped(s.Parameters.Total)} ({Units.Bytes(s.Parameters.Bytes)}) |\n");
        if (ParameterText.Unique(s.Parameters) is { } unique)
        {
            md.TryAppend($"| Unique parameters | {MarkdownBudget.Cell(unique)} |\n");
        }

        md.TryAppend($"| MACs | {Units.Grouped(s.Macs)} |\n");
        md.TryAppend($"| FLOPs (2 x MACs) | {Units.Grouped(s.Flops)} |\n");
        md.TryAppend($"| Total FLOPs (all ops) | {Units.Grouped(s.TotalFlops)} |\n");
        md.TryAppend($"| Convention | {ConventionText.Name(s.Convention)}: {ConventionText.Describe(s.Convention)} |\n\n");
        if (view.Baseline is { } baseline)
        {
            WriteBaseline(md, report, baseline);
        }

        if (!s.IsComplete)
        {
            md.TryAppend("**Not counted** (cost missing from every total):\n\n");
            var issues = s.Unsupported.Select(i => $"- unsupported `{MarkdownBudget.Cell(i.Op)}` x {i.Nodes}\n")
                .Concat(s.Unresolved.Select(i => $"- unresolved `{MarkdownBudget.Cell(i.Op)}` x {i.Nodes}: {MarkdownBudget.Cell(i.Reason)}\n"))
                .ToList();
            var shown = issues.Take(MaxIssues).TakeWhile(line => md.Remaining - Reserve > line.Length && md.TryAppend(line)).Count();
            md.TryAppend(shown < issues.Count ? $"- ... {issues.Count - shown} more (see --format json)\n\n" : "\n");
        }

        md.TryAppend("### By op type\n\n");
        Omitted(md, md.Table(ReportTables.ByOp(report), report.ByOp, MaxGroupRows, Reserve), "op types");
        md.TryAppend($"\n### By module (depth {report.ModuleDepth})\n\n");
        Omitted(md, md.Table(ReportTables.ByModule(report), report.ByModule, MaxGroupRows, Reserve), "modules");

        var top = view.Top ?? DefaultTop;
        var heaviest = report.Top(top);
        md.TryAppend($"\n### Top {top} layers\n\n");
        var columns = ReportTables.Layers(report);
        Omitted(md, md.Table(columns, heaviest, int.MaxValue, Reserve), "of the top layers");
        if (view.Top is null && report.Layers.Count > heaviest.Count)
        {
            // Every layer asked for: the others in graph order, collapsed, for as many rows as fit.
            var shown = heaviest.Select(l => l.Index).ToHashSet();
            var rest = report.Layers.Where(l => !shown.Contains(l.Index)).ToArray();
            if (md.TryAppend($"\n<details><summary>The other {rest.Length} layers, in graph order</summary>\n\n"))
            {
                var left = md.Table(columns, rest, int.MaxValue, Reserve);
                md.TryAppend("\n</details>\n");
                Omitted(md, left, "layers (a GitHub comment holds 65,536 characters; --format csv lists every layer)");
            }
        }

        output.Write(md.ToString());
    }

    /// <summary>Writes the comparison with a baseline: one bold line of changes, baseline and current headline values,
    /// then the op types and modules that changed.</summary>
    private static void WriteBaseline(MarkdownBudget md, ProfileReport report, ProfileBaseline baseline)
    {
        var deltas = BaselineComparison.Compare(report, baseline);
        md.TryAppend($"**{BaselineComparison.Line(report, baseline)}**\n\n");
        md.TryAppend("| | Baseline | This | Change |\n|---|---:|---:|---:|\n");
        foreach (var d in deltas)
        {
            md.TryAppend($"| {d.Name} | {d.BaselineText} | {d.CurrentText} | {MarkdownBudget.Cell(d.Delta)} |\n");
        }

        md.TryAppend("\n");
        var caveats = BaselineComparison.Caveats(report, baseline);
        foreach (var caveat in caveats)
        {
            md.TryAppend($"> note: {MarkdownBudget.Cell(caveat)}\n");
        }

        if (caveats.Count > 0)
        {
            md.TryAppend("\n");
        }

        GroupChanges(md, "op type", baseline.ByOp.Count > 0, GroupDelta.ByOp(report, baseline));
        GroupChanges(md, $"module (depth {report.ModuleDepth})", baseline.ByModule.Count > 0 && baseline.ModuleDepth == report.ModuleDepth, GroupDelta.ByModule(report, baseline));
    }

    private static void GroupChanges(MarkdownBudget md, string what, bool comparable, IReadOnlyList<GroupDelta> changes)
    {
        if (!comparable)
        {
            return;
        }

        md.TryAppend($"**Changes by {what}**" + (changes.Count == 0 ? ": none\n\n" : "\n\n"));
        if (changes.Count == 0)
        {
            return;
        }

        Omitted(md, md.Table(DeltaColumns, changes, MaxDeltaRows, Reserve), "changed rows");
        md.TryAppend("\n");
    }

    private static readonly IReadOnlyList<Column<GroupDelta>> DeltaColumns =
    [
        new("Name", "name", d => d.Name, d => d.Name, Numeric: false),
        new("Nodes", "nodes", d => d.NodesChange.ToString(), d => $"{d.Before?.Count ?? 0} \u2192 {d.After?.Count ?? 0}"),
        new("Params", "params", d => d.ParametersChange.ToString(), d => d.ParametersChange == 0 ? "-" : BaselineComparison.SignedSi(d.ParametersChange, Math.Max(Math.Abs(d.ParametersChange), 1))),
        new("Total FLOPs", "total_flops", d => d.TotalFlopsChange.ToString(),
            d => $"{Units.Si(d.Before?.TotalFlops ?? 0)} \u2192 {Units.Si(d.After?.TotalFlops ?? 0)}"),
        new("Change", "change", d => d.Status, d => d.Status),
    ];

    private static void Omitted(MarkdownBudget md, int count, string what)
    {
        if (count > 0)
        {
            md.TryAppend($"\n*{count} more {what} not shown.*\n");
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
