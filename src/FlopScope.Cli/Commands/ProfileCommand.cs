using FlopScope.Cli.Infrastructure;
using FlopScope.Cli.Rendering;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Reports.Charts;
using FlopScope.Reports.Html;
using FlopScope.Runtime;
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
        ValidateCombination(settings, format);
        var options = settings.ToProfileOptions();
        var top = settings.Top;
        if (settings.Sweep is { } sweep)
        {
            var (dimension, sizes) = Sweeper.Parse(sweep);
            var model = OnnxModel.Load(settings.Model);
            var result = Sweeper.Run(model.Model, options, dimension, sizes);
            var measured = settings.Bench ? BenchSweep(model, options, dimension, sizes, settings.BenchRuns, cancellationToken) : null;
            new SweepRenderer(consoles.Out).Render(result, format, measured);
            return ExitCodes.Success;
        }

        var device = settings.Device is { } id ? settings.Catalog().Get(id) : null;
        var baseline = settings.Baseline is { } baselinePath ? ProfileBaseline.Load(baselinePath) : null;
        var report = OnnxModel.Load(settings.Model).Profile(options);
        var estimate = device is null ? null : RooflineEstimator.Estimate(report, device);
        var view = new ReportView { Top = top, ModelPath = settings.Model, Baseline = baseline };

        if (format == "console")
        {
            new ConsoleReportRenderer(consoles.Out).Render(report, settings.AllLayers ? null : top ?? 15, estimate);
            if (estimate is not null)
            {
                consoles.Out.MarkupLine(Markup.Escape($"estimated {estimate.LatencyMs.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} ms on {estimate.Device.Id} "
                    + $"at {estimate.Precision.ToString().ToLowerInvariant()} (roofline estimate, not a measurement; 'flopscope estimate' shows more)"));
            }

            if (baseline is not null)
            {
                consoles.Out.MarkupLine(Markup.Escape(BaselineComparison.Line(report, baseline)));
                foreach (var caveat in BaselineComparison.Caveats(report, baseline))
                {
                    consoles.Out.MarkupLine(Markup.Escape("note: " + caveat));
                }
            }
        }
        else if (format is "svg" or "png")
        {
            WriteChart(report, estimate, settings, format);
            consoles.Error.WriteLine(SummaryLine.Format(report));
        }
        else
        {
            var writer = format == "html"
                ? new HtmlReportWriter(new HtmlReportOptions { Estimate = estimate, MeasuredSeconds = MeasuredSeconds(settings.Measured) })
                : Writers.First(w => w.Format == format);
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

    private void WriteChart(ProfileReport report, DeviceEstimate? estimate, ProfileSettings settings, string format)
    {
        var chart = ChartCatalog.Get(settings.Chart ?? throw new FlopScopeException($"--format {format} draws one chart: add --chart by-op|top-layers|modules|roofline."));
        var context = new ChartContext(report, estimate);
        if (!chart.IsAvailable(context))
        {
            throw new FlopScopeException($"The {chart.Name} chart has nothing to draw for this model.");
        }

        if (format == "png")
        {
            var path = settings.Output ?? throw new FlopScopeException("--format png writes a file: add --output FILE.png.");
            File.WriteAllBytes(path, ChartRenderer.Png(chart, context));
            consoles.Error.MarkupLineInterpolated($"[grey]wrote {path}[/]");
        }
        else if (settings.Output is { } path)
        {
            File.WriteAllText(path, ChartRenderer.Svg(chart, context));
            consoles.Error.MarkupLineInterpolated($"[grey]wrote {path}[/]");
        }
        else
        {
            consoles.Out.Profile.Out.Writer.Write(ChartRenderer.Svg(chart, context));
        }
    }

    /// <summary>Options that only some formats use are errors elsewhere, never silently ignored.</summary>
    private static void ValidateCombination(ProfileSettings settings, string format)
    {
        if (settings.Chart is not null && format is not ("svg" or "png"))
        {
            throw new FlopScopeException("--chart applies to --format svg or png.");
        }

        if (settings.Sweep is not null && (settings.Device is not null || settings.Baseline is not null || format is "html" or "svg" or "png"))
        {
            throw new FlopScopeException("--sweep writes its own table (console, json or markdown); --device, --baseline, html, svg and png do not apply.");
        }

        if (settings.Device is not null && format is "json" or "csv" or "markdown")
        {
            throw new FlopScopeException($"--device applies to --format html, svg, png and the console; for {format} estimates use 'flopscope estimate --format json'.");
        }

        if (settings.Measured is not null && format != "html")
        {
            throw new FlopScopeException("--measured applies to --format html.");
        }

        if (settings.Baseline is not null && format is not ("console" or "markdown" or "html"))
        {
            throw new FlopScopeException("--baseline applies to the console, --format markdown and --format html.");
        }
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
                ".html" or ".htm" => "html",
                ".svg" => "svg",
                ".png" => "png",
                _ => throw new FlopScopeException($"Cannot tell the format of '{settings.Output}' from its extension; add --format json|csv|markdown|html|svg|png."),
            },
            "md" => "markdown",
            "htm" => "html",
            var f => f,
        };
        return format is "console" or "json" or "csv" or "markdown" or "html" or "svg" or "png"
            ? format
            : throw new FlopScopeException($"Unknown format '{settings.Format}'; use console, json, csv, markdown, html, svg or png.");
    }

    /// <summary>Per-layer measured seconds by layer name from a bench result, or null.</summary>
    private static Dictionary<string, double>? MeasuredSeconds(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new FlopScopeException($"File not found: '{path}'.");
        }

        var bench = FlopScope.Runtime.BenchReport.Deserialize(FlopScope.Safety.BoundedFile.ReadJson(path, "bench result"));
        return bench.Layers is { } timing
            ? timing.Layers.GroupBy(l => l.Name).ToDictionary(g => g.Key, g => g.Sum(l => l.TimeMs) / 1e3)
            : throw new FlopScopeException($"'{path}' has no per-layer times: run bench with --layer-runs above 0.");
    }

    /// <summary>Median latency per sweep size, with a progress bar on a terminal and one line per size otherwise.</summary>
    private Dictionary<long, double> BenchSweep(OnnxModel model, Profiling.ProfileOptions options, string dimension, long[] sizes, int runs, CancellationToken token)
    {
        if (runs < 1)
        {
            throw new FlopScopeException("--bench-runs must be at least 1.");
        }

        var medians = new Dictionary<long, double>();
        void Measure(long size) => medians[size] = model.Benchmark(new BenchOptions
        {
            Profile = Sweeper.With(options, dimension, size),
            Runs = runs,
            Warmup = 2,
            LayerRuns = 0,
        }, cancellationToken: token).Latency.MedianMs;

        var error = consoles.Error;
        if (error.Profile.Capabilities.Interactive && error.Profile.Capabilities.Ansi && !Console.IsErrorRedirected)
        {
            error.Progress().Start(ctx =>
            {
                var task = ctx.AddTask($"bench {dimension}", maxValue: sizes.Length);
                foreach (var size in sizes)
                {
                    task.Description = $"bench {dimension}={size}";
                    Measure(size);
                    task.Increment(1);
                }
            });
        }
        else
        {
            foreach (var size in sizes)
            {
                error.WriteLine($"bench {dimension}={size} ({runs} runs)");
                Measure(size);
            }
        }

        return medians;
    }
}
