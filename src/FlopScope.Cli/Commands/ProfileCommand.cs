using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Comparison;
using FlopScope.Onnx;
using FlopScope.Onnx.Batch;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Reports.Charts;
using FlopScope.Runtime;
using FlopScope.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope profile MODEL</c>: the static profile in the console or a machine format.</summary>
public sealed class ProfileCommand(Consoles consoles) : Command<ProfileSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ProfileSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Phase is null && (settings.Prompt is not null || settings.Context is not null))
        {
            throw new FlopScopeException("--prompt and --context go with --phase prefill|decode.");
        }

        if (settings.Phase is not null && (settings.Sweep is not null || settings.Models.Length > 1 || settings.Models.Any(ModelFiles.IsMany)))
        {
            throw new FlopScopeException("--phase profiles one decoder at one phase; it does not combine with --sweep or several models.");
        }

        if (settings.Models.Length > 1 || settings.Models.Any(ModelFiles.IsMany))
        {
            return ProfileMany(settings, cancellationToken);
        }

        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Profile, "profile");
        ValidateCombination(settings, exporter.Format);
        var options = settings.ToProfileOptions();
        var target = new ExportTarget(consoles, settings.Output);
        if (settings.Sweep is { } sweep)
        {
            exporter = Exporters.Resolve(exporter.Format, null, ResultKind.Sweep, "profile --sweep");
            var (dimension, sizes) = Sweeper.Parse(sweep);
            var model = OnnxModel.Load(settings.Model, ResultKind.Sweep.ReportsTiedTensors());
            var result = Sweeper.Run(model.Model, options, dimension, sizes);
            var measured = settings.Bench ? BenchSweep(model, options, dimension, sizes, settings.BenchRuns, cancellationToken) : null;
            exporter.Export(new ResultContext { Kind = ResultKind.Sweep, Sweep = result, SweepMeasuredMs = measured }, target);
            return ExitCodes.Success;
        }

        if (settings.Chart is { } chartName)
        {
            ChartCatalog.Get(chartName);
        }

        var device = settings.Device is { } id ? settings.Catalog().Get(id) : null;
        var baseline = settings.Baseline is { } baselinePath ? ProfileBaseline.Load(baselinePath) : null;
        var measuredSeconds = MeasuredSeconds(settings.Measured);
        var onnx = OnnxModel.Load(settings.Model, ResultKind.Profile.ReportsTiedTensors());
        var report = onnx.Profile(settings.Phase is null ? options : options with { InputShapes = PhaseShapes(settings, onnx, options) });
        if (settings.Runtime is not null && device is null)
        {
            throw new FlopScopeException("--runtime needs --device: it names the runtime the device estimate assumes.");
        }

        var estimate = device is null ? null : RooflineEstimator.Estimate(report, device, settings.Runtime);
        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Profile,
            Report = report,
            Estimates = estimate is null ? [] : [estimate],
            Baseline = baseline,
            View = new ViewOptions
            {
                Top = settings.Top,
                AllLayers = settings.AllLayers,
                ModelPath = settings.Model,
                Chart = settings.Chart,
                MeasuredSeconds = measuredSeconds,
            },
        }, target);

        if (exporter.Format != "console")
        {
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

    /// <summary>Several models: one summary row each (the columns of compare), profiled in parallel; each model that
    /// fails is named on stderr and in its row while the others go on. Exit 2 when any failed (3 for a bug).</summary>
    /// <summary>The input shapes of a decoder phase: <c>--phase prefill --prompt P</c> (P tokens, empty cache) or
    /// <c>--phase decode --context C</c> (1 token after C cached tokens), over the shapes given with --input.</summary>
    private static Dictionary<string, long[]> PhaseShapes(ProfileSettings settings, OnnxModel model, ProfileOptions options)
    {
        var decoder = FlopScope.Onnx.Llm.OnnxDecoder.Find(model.Model.Graph)
            ?? throw new FlopScopeException($"{settings.Model}: --phase needs a decoder (an 'input_ids' input).");
        var batch = options.Batch ?? 1;
        var (newTokens, past) = settings.Phase?.ToLowerInvariant() switch
        {
            "prefill" => (settings.Prompt ?? throw new FlopScopeException("--phase prefill needs --prompt P (prompt tokens)."), 0L),
            "decode" when decoder.CacheInputs.Count == 0 => throw new FlopScopeException($"{settings.Model}: --phase decode needs past_key_values inputs; this decoder re-runs the whole sequence (profile it at --phase prefill --prompt C+1)."),
            "decode" => (1L, settings.Context ?? settings.Prompt ?? throw new FlopScopeException("--phase decode needs --context C (cached tokens).")),
            _ => throw new FlopScopeException($"Unknown phase '{settings.Phase}'; use prefill or decode."),
        };
        var shapes = new Dictionary<string, long[]>(options.InputShapes, StringComparer.Ordinal);
        foreach (var (name, shape) in decoder.Bind(newTokens, past, batch))
        {
            shapes[name] = shape;
        }

        return shapes;
    }

    private int ProfileMany(ProfileSettings settings, CancellationToken cancellationToken)
    {
        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Tables, "profile with several models");
        foreach (var (given, flag) in new[]
        {
            (settings.Sweep is not null, "--sweep"), (settings.Baseline is not null, "--baseline"), (settings.Chart is not null, "--chart"),
            (settings.Measured is not null, "--measured"), (settings.AllLayers, "--layers"), (settings.TopText is not null, "--top"), (settings.Bench, "--bench"),
        })
        {
            if (given)
            {
                throw new FlopScopeException($"{flag} applies to one model; with several, profile writes one summary row per model.");
            }
        }

        if (settings.Jobs is < 1)
        {
            throw new FlopScopeException("--jobs must be at least 1.");
        }

        var options = settings.ToProfileOptions();
        var devices = settings.Device is { } id ? [settings.Catalog().Get(id)] : new List<DeviceProfile>();
        var paths = ModelFiles.Expand(settings.Models);
        if (paths.All(p => ModelFiles.NothingUnder(p) is not null))
        {
            throw new FlopScopeException(ModelFiles.NothingUnder(paths[0])!);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var items = BatchProfiler.Profile(paths, options, settings.Jobs ?? Environment.ProcessorCount, cancellationToken);
        clock.Stop();

        if (BatchProfiler.UnusedDims(items, options) is { Count: > 0 } unused)
        {
            var symbols = items.SelectMany(i => i.Symbols ?? []).Distinct(StringComparer.Ordinal).ToList();
            throw new FlopScopeException($"--dim {unused[0]}: none of the {items.Count} models has a dimension '{unused[0]}'; their symbolic dimensions are: {(symbols.Count == 0 ? "none" : string.Join(", ", symbols))}.");
        }

        var rows = items.Select(i => i.Report is { } r ? ComparisonRow.FromReport(r, i.Path, devices) : ComparisonRow.Failed(i.Path, i.Error!)).ToList();
        var title = ComparisonTable.Title(rows).Replace("Comparison (", $"{rows.Count} models, one row each (", StringComparison.Ordinal);
        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Tables,
            Schema = "flopscope.profile-summary/1",
            Tables = [ResultTable.Of(title, "models", ComparisonTable.Columns(rows, devices.Select(d => d.Id).ToList()), rows)],
        }, new ExportTarget(consoles, settings.Output));

        foreach (var failed in items.Where(i => i.Error is not null))
        {
            consoles.Error.WriteLine($"error: {failed.Path}: {failed.Error}", new Style(Color.Red));
        }

        var failures = items.Count(i => i.Error is not null);
        var seconds = clock.Elapsed.TotalSeconds;
        consoles.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"profiled {items.Count - failures} of {items.Count} model(s) in {seconds:0.###} s ({items.Count / Math.Max(seconds, 1e-9):0.#} models/s, {settings.Jobs ?? Environment.ProcessorCount} at once){(failures > 0 ? $"; {failures} failed" : string.Empty)}"));
        return items.Any(i => i.Internal) ? ExitCodes.InternalError
            : failures > 0 ? ExitCodes.BadInput
            : settings.Strict && rows.Any(r => r.Status is not null) ? ExitCodes.CheckFailed
            : ExitCodes.Success;
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

        if (settings.Measured is not null && format is not ("html" or "svg" or "png"))
        {
            throw new FlopScopeException("--measured applies to --format html, svg and png.");
        }

        if (settings.Baseline is not null && format is not ("console" or "markdown" or "html"))
        {
            throw new FlopScopeException("--baseline applies to the console, --format markdown and --format html.");
        }
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
