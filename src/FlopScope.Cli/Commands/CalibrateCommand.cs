using System.Globalization;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Runtime;
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

        var options = new CalibrateOptions { Threads = settings.Threads, DurationPerProbe = TimeSpan.FromSeconds(settings.Duration), Id = settings.Id };
        var result = Calibrator.Calibrate(options, new Reporter(m => consoles.Error.WriteLine(m)), cancellationToken);
        var path = Path.GetFullPath(settings.Output);
        File.WriteAllText(path, DeviceCatalog.Serialize(result.Device) + Environment.NewLine);
        consoles.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"matrix product {result.MatMulGflops:F1} GFLOP/s fp32, bandwidth {result.BandwidthGBs:F1} GB/s (cache {(result.CacheBandwidthGBs is { } c ? $"{c:F1} GB/s up to {result.CacheBytes / 1024} KiB" : "not detected")}), kernel overhead {result.KernelOverheadUs:F2} us"));
        consoles.Out.WriteLine($"wrote device profile '{result.Device.Id}' to {path}");
        return ExitCodes.Success;
    }

    private sealed class Reporter(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
