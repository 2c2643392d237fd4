using FlopScope.Cli.Infrastructure;
using FlopScope.Cli.Rendering;
using FlopScope.Errors;
using FlopScope.Onnx;
using FlopScope.Reporting;
using FlopScope.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope profile MODEL</c>: the static profile in the console or a machine format.</summary>
public sealed class ProfileCommand(Consoles consoles) : Command<ProfileSettings>
{
    private static readonly IReportWriter[] Writers = [new JsonReportWriter(), new CsvReportWriter(), new MarkdownReportWriter()];

    /// <inheritdoc />
    public override int Execute(CommandContext context, ProfileSettings settings, CancellationToken cancellationToken)
    {
        var format = ResolveFormat(settings);
        var options = settings.ToProfileOptions();
        var top = settings.Top;
        if (settings.Sweep is { } sweep)
        {
            var (dimension, sizes) = Sweeper.Parse(sweep);
            var result = Sweeper.Run(OnnxModel.Load(settings.Model).Model, options, dimension, sizes);
            new SweepRenderer(consoles.Out).Render(result, format);
            return ExitCodes.Success;
        }

        var report = OnnxModel.Load(settings.Model).Profile(options);
        var view = new ReportView { Top = top, ModelPath = settings.Model };

        if (format == "console")
        {
            new ConsoleReportRenderer(consoles.Out).Render(report, settings.AllLayers ? null : top ?? 15);
        }
        else
        {
            var writer = Writers.First(w => w.Format == format);
            if (settings.Output is null)
            {
                writer.Write(report, view, consoles.Out.Profile.Out.Writer);
            }
            else
            {
                using var file = new StreamWriter(settings.Output);
                writer.Write(report, view, file);
                consoles.Error.MarkupLineInterpolated($"[grey]wrote {settings.Output}[/]");
            }

            consoles.Error.WriteLine(SummaryLine.Format(report));
        }

        if (!report.Summary.IsComplete)
        {
            foreach (var issue in report.Summary.Unsupported)
            {
                consoles.Error.MarkupLineInterpolated($"[yellow]warning:[/] unsupported op {issue.Op} ({issue.Nodes} node(s)): cost not counted");
            }

            foreach (var issue in report.Summary.Unresolved)
            {
                consoles.Error.MarkupLineInterpolated($"[yellow]warning:[/] unresolved {issue.Op} ({issue.Nodes} node(s)): {issue.Reason}; cost not counted");
            }

            if (settings.Strict)
            {
                consoles.Error.MarkupLine("[red]--strict: some ops are not counted[/]");
                return ExitCodes.CheckFailed;
            }
        }

        return ExitCodes.Success;
    }

    private static string ResolveFormat(ProfileSettings settings)
    {
        var format = settings.Format?.ToLowerInvariant() switch
        {
            null => settings.Output is null ? "console" : Path.GetExtension(settings.Output).ToLowerInvariant() switch
            {
                ".json" => "json",
                ".csv" => "csv",
                ".md" or ".markdown" => "markdown",
                _ => throw new FlopScopeException($"Cannot tell the format of '{settings.Output}' from its extension; add --format json|csv|markdown."),
            },
            "md" => "markdown",
            var f => f,
        };
        return format is "console" or "json" or "csv" or "markdown"
            ? format
            : throw new FlopScopeException($"Unknown format '{settings.Format}'; use console, json, csv or markdown.");
    }
}
