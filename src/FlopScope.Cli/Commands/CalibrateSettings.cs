using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope calibrate</c>.</summary>
public sealed class CalibrateSettings : CommandSettings
{
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

    /// <summary>Checks <c>--output</c> before the command does any work.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        Infrastructure.OutputPath.Validate(Output);
        return base.Validate();
    }
}
