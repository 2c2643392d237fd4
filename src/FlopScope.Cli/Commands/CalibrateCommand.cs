using System.Globalization;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Runtime;
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

        switch (settings.Hosts())
        {
            case [var host]:
                return CalibrateRemote(settings, host, cancellationToken);
            case { Count: > 1 }:
                throw new FlopScopeException("calibrate --host takes one host (run it once per machine).");
        }

        OrtLibrary.Use(settings.OrtLibrary);
        var options = new CalibrateOptions { Threads = settings.Threads, DurationPerProbe = TimeSpan.FromSeconds(settings.Duration), Id = settings.Id };
        var result = Calibrator.Calibrate(options, new Reporter(m => consoles.Error.WriteLine(m)), cancellationToken);
        var path = Path.GetFullPath(settings.Output);
        File.WriteAllText(path, DeviceCatalog.Serialize(result.Device) + Environment.NewLine);
        consoles.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matrix product {result.MatMulGflops:F1} GFLOP/s fp32, bandwidth {result.BandwidthGBs:F1} GB/s (cache {(result.CacheBandwidthGBs is { } c ? $"{c:F1} GB/s up to {result.CacheBytes / 1024} KiB" : "not detected")}), kernel overhead {result.KernelOverheadUs:F2} us"));
        consoles.Out.WriteLine($"wrote device profile '{result.Device.Id}' to {path}");
        return ExitCodes.Success;
    }

    private int CalibrateRemote(CalibrateSettings settings, SshHost host, CancellationToken cancellationToken)
    {
        const string result = "flopscope-device.json";
        var c = CultureInfo.InvariantCulture;
        List<string> arguments = ["calibrate", "--duration", settings.Duration.ToString("R", c), "--id", settings.Id, "--output", result];
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
        var device = DeviceCatalog.BuiltIn().With(path).Get(settings.Id);
        consoles.Out.WriteLine($"wrote device profile '{device.Id}' (measured on {host.Target}) to {path}");
        return ExitCodes.Success;
    }

    private sealed class Reporter(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
