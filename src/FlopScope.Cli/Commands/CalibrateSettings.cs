using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope calibrate</c>.</summary>
public sealed class CalibrateSettings : CommandSettings, IRemoteSettings
{
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

    /// <inheritdoc />
    [CommandOption("--remote-command <PATH>")]
    [Description("flopscope on the remote. Default: flopscope on its PATH, else ~/.dotnet/tools/flopscope.")]
    public string? RemoteCommand { get; init; }

    /// <inheritdoc />
    [CommandOption("--remote-temp <DIR>")]
    [Description("Folder on the remote for the temporary folder. Default: $TMPDIR, else /tmp.")]
    public string? RemoteTemp { get; init; }

    /// <inheritdoc />
    [CommandOption("--ssh-config <FILE>")]
    [Description("ssh_config file to use instead of ~/.ssh/config (ssh -F).")]
    public string? SshConfig { get; init; }

    /// <inheritdoc />
    [CommandOption("--ssh-option <KEY=VALUE>")]
    [Description("Extra ssh option, as ssh -o (e.g. Port=2222). Repeatable.")]
    public string[] SshOptions { get; init; } = [];

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

    /// <summary>Profile id.</summary>
    [CommandOption("--id <ID>")]
    [Description("Id of the written device profile. Default: local.")]
    [DefaultValue("local")]
    public string Id { get; init; } = "local";
}
