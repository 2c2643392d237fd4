using System.Runtime.InteropServices;
using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Cli.Rendering;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Reporting;
using FlopScope.Runtime;
using FlopScope.Runtime.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope bench MODEL</c>: measured latency in ONNX Runtime, and measured time next to each layer's FLOPs.</summary>
public sealed class BenchCommand(Consoles consoles) : Command<BenchSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ListProviders)
        {
            return ListProviders(settings);
        }

        if (string.IsNullOrEmpty(settings.Model))
        {
            throw new FlopScopeException("bench needs a MODEL file (or --list-providers).");
        }

        var hosts = settings.Hosts();
        var fleet = hosts.Count > 1 || settings.HostsFile is not null;
        var exporter = Exporters.Resolve(settings.Format, settings.Output, fleet ? ResultKind.Tables : ResultKind.Bench, "bench");
        var catalog = settings.Catalog();
        var options = settings.ToBenchOptions() with { Device = settings.Device is { } id ? catalog.Get(id) : null };
        if (hosts.Count == 0)
        {
            // Before the model's first ONNX Runtime call: the native library cannot change afterwards.
            OrtLibrary.Use(settings.OrtLibrary);
        }

        var model = OnnxModel.Load(settings.Model, (fleet ? ResultKind.Tables : ResultKind.Bench).ReportsTiedTensors());
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // SIGTERM stops the runs like Ctrl+C: it is how a remote run is stopped when its ssh connection goes.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            interrupt.Cancel();
        });
        try
        {
            if (fleet)
            {
                return RunFleet(settings, model, options, hosts, catalog, exporter, interrupt.Token);
            }

            if (settings.Prompt is not null && hosts.Count > 0)
            {
                throw new FlopScopeException("--prompt benches a decoder's phases on this machine; it does not combine with --host.");
            }

            if (settings.Prompt is null && (settings.Context is not null || settings.Generate != 16))
            {
                throw new FlopScopeException("--context and --generate apply with --prompt.");
            }

            var report = hosts.Count == 1
                ? RunRemote(settings, model, options with { Device = hosts[0].Device is { } d ? catalog.Get(d) : options.Device }, hosts[0], interrupt.Token)
                : Measure(settings.Prompt is { } prompt
                    ? (progress, token) => DecoderBenchmark.BenchPhases(model, options, prompt, settings.Context, settings.Generate, progress, token)
                    : (progress, token) => model.Benchmark(options, progress, token), interrupt.Token);
            return Write(settings, exporter, report);
        }
        catch (OperationCanceledException)
        {
            consoles.Error.MarkupLine(hosts.Count > 0
                ? "[yellow]interrupted: the remote run was stopped and its temporary folder removed; nothing measured[/]"
                : "[yellow]interrupted before the first timed run: nothing measured[/]");
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private int Write(BenchSettings settings, IExporter exporter, BenchReport report)
    {
        if (settings.OutputDir is { } dir)
        {
            WriteToFolder(dir, report);
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

    private string WriteToFolder(string dir, BenchReport report)
    {
        Directory.CreateDirectory(dir);
        var name = $"{report.Model}@{report.Machine.Host ?? "local"}.bench.json";
        var path = Path.Combine(dir, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_')));
        File.WriteAllText(path, report.Serialize() + Environment.NewLine);
        consoles.Error.MarkupLineInterpolated($"[grey]wrote {path}[/]");
        return path;
    }

    private int ListProviders(BenchSettings settings)
    {
        OrtLibrary.Use(settings.OrtLibrary);
        var lines = new List<string> { $"ONNX Runtime {OrtSessions.Version} ({OrtLibrary.Location})" };
        lines.AddRange(OrtSessions.AvailableFullNames().Select(p => $"{OrtSessions.ShortName(p),-10} {p}"));
        var text = string.Join(Environment.NewLine, lines) + Environment.NewLine;
        if (settings.Output is { } output)
        {
            File.WriteAllText(output, text);
        }
        else
        {
            consoles.Out.Profile.Out.Writer.Write(text);
        }

        return ExitCodes.Success;
    }

    private int RunFleet(BenchSettings settings, OnnxModel model, BenchOptions options, IReadOnlyList<SshHost> hosts, DeviceCatalog catalog, IExporter exporter,
        CancellationToken token)
    {
        var error = consoles.Error;
        var gate = new Lock();
        var fleetHosts = options.Device is { } device ? hosts.Select(h => h.Device is null ? h with { Device = device.Id } : h).ToArray() : hosts;
        var results = Fleet.RunAsync(model, options with { Device = null }, fleetHosts, settings.ToSshOptions(), catalog.Get, settings.OrtLibrary, (host, line) =>
        {
            lock (gate)
            {
                error.WriteLine($"[{host.Target}] {line}", Style.Plain);
            }
        }, token).GetAwaiter().GetResult();
        token.ThrowIfCancellationRequested();

        foreach (var report in results.Select(r => r.Report).OfType<BenchReport>())
        {
            if (settings.OutputDir is { } dir)
            {
                WriteToFolder(dir, report);
            }
        }

        var rows = FleetTable.Rows(results);
        var first = results.Select(r => r.Report).OfType<BenchReport>().FirstOrDefault();
        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Tables,
            Schema = FleetTable.SchemaId,
            Tables = [ResultTable.Of(FleetTable.Title(first), "rows", FleetTable.Columns(), rows)],
            Notes = [FleetTable.Note(first)],
        }, new ExportTarget(consoles, settings.Output));

        foreach (var row in rows.Where(r => r.Error is not null))
        {
            error.WriteLine("error: " + row.Error, new Style(Color.Red));
        }

        return rows.Any(r => r.Error is not null) ? ExitCodes.BadInput : ExitCodes.Success;
    }

    private BenchReport RunRemote(BenchSettings settings, OnnxModel model, BenchOptions options, SshHost host, CancellationToken token)
    {
        var error = consoles.Error;
        return RemoteBench.RunAsync(model, options, host, settings.ToSshOptions(), options.Device, remoteOrtLibrary: settings.OrtLibrary,
            log: line => error.WriteLine($"[{host.Target}] {line}", Style.Plain), cancellationToken: token).GetAwaiter().GetResult();
    }

    private BenchReport Measure(Func<IProgress<BenchProgress>, CancellationToken, BenchReport> benchmark, CancellationToken token)
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
                    result = benchmark(progress, token);
                    foreach (var task in tasks.Values)
                    {
                        task.Value = task.MaxValue;
                    }
                });
            return result!;
        }

        var last = string.Empty;
        return benchmark(new SyncProgress(p =>
        {
            if (p.Phase != last)
            {
                last = p.Phase;
                error.WriteLine(p.Phase switch
                {
                    "session" => "creating session...",
                    "warmup" => $"warm-up ({p.Total} runs)...",
                    "timing" => "timing...",
                    "generation loop" => "generation loop (decode with the cache fed back)...",
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
