using FlopScope.Cli.Exporting;
using FlopScope.Profiling;
using FlopScope.Reporting;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Renders a profile as rich console tables from the same column sets the file exporters use.</summary>
public sealed class ConsoleReportRenderer(IAnsiConsole console)
{
    /// <summary>Renders summary, missing ops, op-type and module tables and the <paramref name="top"/> heaviest layers
    /// (every layer when null).</summary>
    /// <param name="report">The profile.</param>
    /// <param name="top">Heaviest layers to show, or null for all.</param>
    /// <param name="estimate">A device estimate whose bound and time join the layer table, or null.</param>
    public void Render(ProfileReport report, int? top, FlopScope.Hardware.DeviceEstimate? estimate = null)
    {
        var s = report.Summary;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[grey]Model[/]", Markup.Escape($"{s.Model} ({report.ProvenanceText})"));
        var defaulted = report.Inputs.Any(i => i.ImageSizeDefaulted)
            ? $" [yellow]({InputBinder.DefaultImageSize}x{InputBinder.DefaultImageSize} chosen for dynamic H,W; use --imgsz)[/]"
            : string.Empty;
        grid.AddRow("[grey]Input[/]", Markup.Escape(string.Join(", ", report.Inputs.Select(i => $"{i.Name} {FlopScope.Graph.DataTypeExtensions.ShortName(i.DataType)} {i.Shape}"))) + defaulted);
        if (report.Scaling is { } scaling)
        {
            grid.AddRow("[yellow]Scaled[/]", Markup.Escape(scaling.Describe(s)));
        }

        grid.AddRow("[grey]Parameters[/]", Markup.Escape($"{Units.Grouped(s.Parameters.Total)} ({Units.Grouped(s.Parameters.Trainable)} trainable), {Units.Bytes(s.Parameters.Bytes)}"
            + (ParameterText.Unique(s.Parameters) is { } unique ? "; " + unique : string.Empty)));
        grid.AddRow("[grey]MACs[/]", Markup.Escape($"{Units.Grouped(s.Macs)} ({Units.Si(s.Macs)}MAC)"));
        grid.AddRow("[grey]FLOPs[/]", Markup.Escape($"{Units.Grouped(s.Flops)} = 2 x MACs ({Units.Si(s.Flops)}FLOP)"));
        grid.AddRow("[grey]Total FLOPs[/]", Markup.Escape($"{Units.Grouped(s.TotalFlops)} including bias, activations, norms, pooling ({Units.Si(s.TotalFlops)}FLOP)"));
        grid.AddRow("[grey]Memory[/]", Markup.Escape($"weights {Units.Bytes(report.Memory.WeightBytes)} + peak activations {Units.Bytes(report.Memory.PeakActivationBytes)} ({report.Memory.Precision}); {Units.Bytes(report.Memory.BytesRead + report.Memory.BytesWritten)} moved per inference"));
        grid.AddRow("[grey]Convention[/]", Markup.Escape($"{ConventionText.Name(s.Convention)}: {ConventionText.Describe(s.Convention)}"));
        console.Write(new Panel(grid).Header("FlopScope profile").Border(BoxBorder.Rounded));

        if (!s.IsComplete)
        {
            var rows = s.Unsupported.Select(i => (i.Op, i.Nodes, "unsupported: no handler"))
                .Concat(s.Unresolved.Select(i => (i.Op, i.Nodes, "unresolved: " + i.Reason)));
            var missing = ConsoleTables.Build(ResultTable.Of("Not counted (cost missing from every total)", "missing", MissingColumns(), rows), console.Profile.Width)
                .Border(TableBorder.Simple);
            console.Write(missing);
        }

        var at = $" at {report.InputShapeText}";
        console.Write(Table("By op type" + at, ReportTables.ByOp(report), report.ByOp));
        console.Write(Table($"By module (depth {report.ModuleDepth}){at}", ReportTables.ByModule(report), report.ByModule));
        var layers = top is { } n ? report.Top(n) : report.Layers;
        var title = (top is { } t && t < report.Layers.Count ? $"Top {t} layers by total FLOPs (--layers shows all {report.Layers.Count})" : "Layers") + at;
        var columns = ReportTables.Layers(report).Concat(estimate is null ? [] : ReportTables.Estimate(estimate)).ToArray();
        console.Write(Table(title, columns, layers));
        console.MarkupLine(Markup.Escape(SummaryLine.Format(report)));
    }

    private Table Table<T>(string title, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows) =>
        ConsoleTables.Build(ResultTable.Of(title, string.Empty, columns, rows), console.Profile.Width);

    private static IReadOnlyList<Column<(string Op, int Nodes, string Why)>> MissingColumns() =>
    [
        new("Op", "op", m => m.Op, m => m.Op, Numeric: false),
        new("Nodes", "nodes", m => m.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture), m => m.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Why", "why", m => m.Why, m => m.Why, Numeric: false, Fit: ColumnFit.Wrap),
    ];
}
