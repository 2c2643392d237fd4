using System.Globalization;
using FlopScope.Cli.Infrastructure;
using FlopScope.Cli.Exporting;
using FlopScope.Reporting;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Runtime;
using FlopScope.Runtime.Calibration;
using FlopScope.Runtime.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope calibrate</c>: measures this machine with ONNX Runtime and writes a device profile.</summary>
public sealed class CalibrateCommand(Consoles consoles) : Command<CalibrateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CalibrateSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Duration is <= 0 or > 3600)
        {
            throw new FlopScopeException($"--duration must be between 0 and 3600 seconds, got {settings.Duration.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (settings.From)
        {
            return FromBenches(settings);
        }

        if (settings.Files.Length > 0)
        {
            throw new FlopScopeException($"calibrate measures this machine and takes no files; to fit bench results use 'calibrate --from {string.Join(' ', settings.Files)} --device ID'.");
        }

        switch (settings.Hosts())
        {
            case [var host]:
                return CalibrateRemote(settings, host, cancellationToken);
            case { Count: > 1 }:
                throw new FlopScopeException("calibrate --host takes one host (run it once per machine).");
        }

        OrtLibrary.Use(settings.OrtLibrary);
        var options = new CalibrateOptions { Threads = settings.Threads, DurationPerProbe = TimeSpan.FromSeconds(settings.Duration), Id = settings.Id ?? "local", Rounds = settings.Rounds };
        var result = Calibrator.Calibrate(options, new Reporter(m => consoles.Error.WriteLine(m)), cancellationToken);
        var path = Path.GetFullPath(settings.Output);
        File.WriteAllText(path, DeviceCatalog.Serialize(result.Device) + Environment.NewLine);
        consoles.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matrix product {result.MatMulGflops:F1} GFLOP/s fp32, bandwidth {result.BandwidthGBs:F1} GB/s (cache {(result.CacheBandwidthGBs is { } c ? $"{c:F1} GB/s up to {result.CacheBytes / 1024} KiB" : "not detected")}), kernel overhead {result.KernelOverheadUs:F2} us"));
        if (result.Classes is { } classes)
        {
            Show(CalibrationTables.Probes(classes), CalibrationTables.ProbeNotes(classes));
        }

        consoles.Out.WriteLine($"wrote device profile '{result.Device.Id}' to {path}");
        return ExitCodes.Success;
    }

    private int CalibrateRemote(CalibrateSettings settings, SshHost host, CancellationToken cancellationToken)
    {
        const string result = "flopscope-device.json";
        var c = CultureInfo.InvariantCulture;
        var id = settings.Id ?? "local";
        List<string> arguments = ["calibrate", "--duration", settings.Duration.ToString("R", c), "--id", id, "--rounds", settings.Rounds.ToString(c), "--output", result];
        if (settings.Threads is { } threads)
        {
            arguments.AddRange(["--threads", threads.ToString(c)]);
        }

        if (settings.OrtLibrary is { } library)
        {
            arguments.AddRange(["--ort-library", library]);
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        string json;
        try
        {
            var machine = new RemoteMachine(host, settings.ToSshOptions(), line => consoles.Error.WriteLine($"[{host.Target}] {line}", Style.Plain));
            json = RemoteRun.ExecuteAsync(machine, [], arguments, result, interrupt.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            consoles.Error.MarkupLine("[yellow]interrupted: the remote calibration was stopped, nothing written[/]");
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        var path = Path.GetFullPath(settings.Output);
        File.WriteAllText(path, json + Environment.NewLine);
        // Read back through the catalogue, so a document this version cannot use fails here, not at the next estimate.
        var device = DeviceCatalog.BuiltIn().With(path).Get(id);
        consoles.Out.WriteLine($"wrote device profile '{device.Id}' (measured on {host.Target}) to {path}");
        return ExitCodes.Success;
    }

    private int FromBenches(CalibrateSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Device))
        {
            throw new FlopScopeException("calibrate --from needs --device: the device the benches ran on (e.g. 'local' from calibrate, or rpi5).");
        }

        var models = BenchCalibration.Load(settings.Files);
        var device = settings.Catalog().Get(settings.Device.Trim());
        var runtime = RuntimeCatalog.BuiltIn.For(device, settings.Runtime ?? BenchCalibration.RuntimeOf(models));
        var result = BenchCalibration.Fit(models, device, runtime);
        var fitted = result.Device with { Id = settings.Id ?? device.Id };
        var path = Path.GetFullPath(settings.Output);
        File.WriteAllText(path, DeviceCatalog.Serialize(fitted) + Environment.NewLine);
        Show(CalibrationTables.Models(result), CalibrationTables.ModelNotes(result));
        consoles.Out.WriteLine($"wrote device profile '{fitted.Id}' ({device.Id} with a fitted runtimes.{runtime.Id} section) to {path}");
        return ExitCodes.Success;
    }

    private void Show(ResultTable table, IReadOnlyList<string> notes) =>
        Exporters.Resolve(null, null, ResultKind.Tables, "calibrate")
            .Export(new ResultContext { Kind = ResultKind.Tables, Tables = [table], Notes = notes }, new ExportTarget(consoles, null));

    private sealed class Reporter(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
