using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope estimate</c>.</summary>
public sealed class EstimateSettings : ModelSettings, IDeviceFileSettings
{
    /// <summary>Devices.</summary>
    [CommandOption("-d|--device <IDS>")]
    [Description("Comma-separated device ids (see 'flopscope devices'), or 'all'.")]
    public string Device { get; init; } = string.Empty;

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue.")]
    public string? DevicesFile { get; init; }

    /// <summary>Target FPS.</summary>
    [CommandOption("--target-fps <FPS>")]
    [Description("Ranks devices that reach this many items per second and says by how much the others miss.")]
    public double? TargetFps { get; init; }

    /// <summary>Latency limit.</summary>
    [CommandOption("--max-latency-ms <MS>")]
    [Description("Ranks devices whose estimated latency is at most this.")]
    public double? MaxLatencyMs { get; init; }

    /// <summary>Training mode.</summary>
    [CommandOption("--training")]
    [Description("Memory and FLOPs of a training step (forward + backward, gradients, optimizer state).")]
    public bool Training { get; init; }

    /// <summary>Optimizer.</summary>
    [CommandOption("--optimizer <NAME>")]
    [Description("sgd, adam or adamw (with --training). Default: adamw.")]
    [DefaultValue("adamw")]
    public string Optimizer { get; init; } = "adamw";

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("console, json, csv or markdown. Default: console (or from --output's extension).")]
    public string? Format { get; init; }

    /// <summary>Output file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Writes the document to FILE instead of stdout.")]
    public string? Output { get; init; }

    /// <summary>Top layers.</summary>
    [CommandOption("--top <N>")]
    [Description("With one device: the N slowest layers by estimated time. Default: 15.")]
    public int Top { get; init; } = 15;
}
