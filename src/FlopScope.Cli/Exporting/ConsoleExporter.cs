using System.Globalization;
using FlopScope.Cli.Rendering;
using FlopScope.Reporting;
using Spectre.Console;

namespace FlopScope.Cli.Exporting;

/// <summary>Rich console tables for people: the default format of every command.</summary>
public sealed class ConsoleExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "console";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => true;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target) => target.Console(console =>
    {
        switch (context.Kind)
        {
            case ResultKind.Profile:
                Profile(console, context);
                break;
            case ResultKind.Sweep:
                SweepRenderer.Console(console, context.Sweep!, context.SweepMeasuredMs);
                break;
            case ResultKind.Bench:
                new BenchRenderer(console).Render(context.Measurements!, context.View.Top ?? 10);
                break;
            default:
                Document(console, context);
                break;
        }
    });

    /// <summary>Lines, tables, notes: the console form of any table result.</summary>
    private static void Document(IAnsiConsole console, ResultContext context)
    {
        foreach (var line in context.Lines)
        {
            console.MarkupLine(Markup.Escape(line));
        }

        foreach (var table in context.Tables)
        {
            console.Write(ConsoleTables.Build(table, console.Profile.Width));
        }

        foreach (var note in context.Notes)
        {
            console.MarkupLine("[grey]" + Markup.Escape(note) + "[/]");
        }
    }

    private static void Profile(IAnsiConsole console, ResultContext context)
    {
        var report = context.Report!;
        var estimate = context.Estimates.Count > 0 ? context.Estimates[0] : null;
        new ConsoleReportRenderer(console).Render(report, context.View.AllLayers ? null : context.View.Top ?? 15, estimate);
        if (estimate is not null)
        {
            console.MarkupLine(Markup.Escape($"estimated {estimate.LatencyMs.ToString("0.###", CultureInfo.InvariantCulture)} ms on {estimate.Device.Id} "
                + $"at {estimate.Precision.ToString().ToLowerInvariant()} (roofline estimate, not a measurement; 'flopscope estimate' shows more)"));
        }

        if (context.Baseline is { } baseline)
        {
            console.MarkupLine(Markup.Escape(BaselineComparison.Line(report, baseline)));
            foreach (var caveat in BaselineComparison.Caveats(report, baseline))
            {
                console.MarkupLine(Markup.Escape("note: " + caveat));
            }
        }
    }
}
