using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope calibrate</c>.</summary>
public sealed class CalibrateSettings : SshConnectionSettings, IDeviceFileSettings, IRemoteSettings
{
    /// <summary>Bench results and model files, with --from.</summary>
    [CommandArgument(0, "[FILES]")]
    [Description("With --from: bench results (.json from 'bench --format json', with per-layer times) and the model files they measured.")]
    public string[] Files { get; init; } = [];

    /// <summary>Fit to bench results instead of measuring this machine.</summary>
    [CommandOption("--from")]
    [Description("Fits the per-class efficiencies and kernel overhead of --device to the bench results given as FILES (from any machine), with the leave-one-model-out error, instead of measuring this machine.")]
    public bool From { get; init; }

    /// <summary>Base device of --from.</summary>
    [CommandOption("-d|--device <ID>")]
    [Description("With --from: the device the benches ran on (catalogue id, or one from --devices); its peaks stay, its runtime section is fitted.")]
    public string? Device { get; init; }

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue (e.g. the file calibrate wrote).")]
    public string? DevicesFile { get; init; }

    /// <summary>Runtime of --from.</summary>
    [CommandOption("--runtime <NAME>")]
    [Description("With --from: the runtime to fit (default: from the benches' provider: cpu -> ort-cpu).")]
    public string? Runtime { get; init; }

    /// <summary>Native ONNX Runtime library.</summary>
    [CommandOption("--ort-library <PATH>")]
    [Description("Native ONNX Runtime library to measure with. Default: FLOPSCOPE_ORT_LIBRARY, else the bundled CPU build. With --host, a path on the remote.")]
    public string? OrtLibrary { get; init; }

    /// <inheritdoc />
    [CommandOption("--host <HOST>")]
    [Description("Calibrates a remote machine over SSH (user@host or a ~/.ssh/config alias) and writes its profile here.")]
    public string? Host { get; init; }

    /// <inheritdoc />
    public string? HostsFile => null;

    /// <summary>Intra-op threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Intra-op threads. Default: ONNX Runtime's (one per physical core).")]
    public int? Threads { get; init; }

    /// <summary>Output file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Device profile JSON to write. Default: ./flopscope-device.json.")]
    [DefaultValue("flopscope-device.json")]
    public string Output { get; init; } = "flopscope-device.json";

    /// <summary>Seconds per probe.</summary>
    [CommandOption("--duration <SECONDS>")]
    [Description("Seconds of timed runs per probe (matrix product, bandwidth, overhead). Default: 2.")]
    [DefaultValue(2.0)]
    public double Duration { get; init; } = 2.0;

    /// <summary>Rounds of the per-class probes.</summary>
    [CommandOption("--rounds <N>")]
    [Description("Rounds of the per-class probes, interleaved; the median over rounds is kept (repeat on a busy machine). Default: 1.")]
    [DefaultValue(1)]
    public int Rounds { get; init; } = 1;

    /// <summary>Profile id.</summary>
    [CommandOption("--id <ID>")]
    [Description("Id of the written device profile. Default: local (with --from: the base device's id).")]
    public string? Id { get; init; }

    /// <summary>Checks <c>--output</c> before the command does any work.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        Infrastructure.OutputPath.Validate(Output);
        return base.Validate();
    }
}
