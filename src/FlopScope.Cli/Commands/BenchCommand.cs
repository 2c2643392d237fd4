using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Cli.Rendering;
using FlopScope.Onnx;
using FlopScope.Runtime;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope bench MODEL</c>: measured latency in ONNX Runtime, and measured time next to each layer's FLOPs.</summary>
public sealed class BenchCommand(Consoles consoles) : Command<BenchSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Bench, "bench");
        var options = settings.ToBenchOptions() with { Device = settings.Device is { } id ? settings.Catalog().Get(id) : null };
        var model = OnnxModel.Load(settings.Model);

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        BenchReport report;
        try
        {
            report = Measure(model, options, interrupt.Token);
        }
        catch (OperationCanceledException)
        {
            consoles.Error.MarkupLine("[yellow]interrupted before the first timed run: nothing measured[/]");
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        exporter.Export(new ResultContext { Kind = ResultKind.Bench, Measurements = report, View = new ViewOptions { Top = settings.Top, ModelPath = settings.Model } },
            new ExportTarget(consoles, settings.Output));
        if (exporter.Format != "console")
        {
            consoles.Error.WriteLine(BenchRenderer.SummaryLine(report));
        }

        if (report.Interrupted)
        {
            consoles.Error.MarkupLineInterpolated($"[yellow]interrupted: figures cover the {report.Latency.Runs} run(s) measured so far[/]");
            return ExitCodes.Interrupted;
        }

        return ExitCodes.Success;
    }

    private BenchReport Measure(OnnxModel model, BenchOptions options, CancellationToken token)
    {
        var error = consoles.Error;
        if (error.Profile.Capabilities.Interactive && error.Profile.Capabilities.Ansi && !Console.IsErrorRedirected)
        {
            BenchReport? result = null;
            error.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var progress = new SyncProgress(p =>
                    {
                        if (!tasks.TryGetValue(p.Phase, out var task))
                        {
                            tasks[p.Phase] = task = ctx.AddTask(p.Phase);
                        }

                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    result = model.Benchmark(options, progress, token);
                    foreach (var task in tasks.Values)
                    {
                        task.Value = task.MaxValue;
                    }
                });
            return result!;
        }

        var last = string.Empty;
        return model.Benchmark(options, new SyncProgress(p =>
        {
            if (p.Phase != last)
            {
                last = p.Phase;
                error.WriteLine(p.Phase switch
                {
                    "session" => "creating session...",
                    "warmup" => $"warm-up ({p.Total} runs)...",
                    "timing" => "timing...",
                    _ => $"timing layers ({p.Total} profiled runs)...",
                });
            }
        }), token);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<BenchProgress> report) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => report(value);
    }
}
