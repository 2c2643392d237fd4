using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope check</c>.</summary>
public sealed class CheckSettings : ModelSettings, IDeviceFileSettings
{
    /// <summary>GFLOPs limit.</summary>
    [CommandOption("--max-gflops <N>")]
    [Description("Most GFLOPs (2 x MACs under --convention) at the input size.")]
    public string? MaxGFlops { get; init; }

    /// <summary>Parameter limit.</summary>
    [CommandOption("--max-params <N>")]
    [Description("Most parameters, e.g. 5M, 1.2G, 300K.")]
    public string? MaxParams { get; init; }

    /// <summary>Memory limit.</summary>
    [CommandOption("--max-memory <SIZE>")]
    [Description("Most resident memory (weights + peak activations, or training total with --training), e.g. 512MB, 2GiB.")]
    public string? MaxMemory { get; init; }

    /// <summary>Latency limit.</summary>
    [CommandOption("--max-latency-ms <MS>")]
    [Description("Longest estimated latency on --device.")]
    public string? MaxLatencyMs { get; init; }

    /// <summary>FPS minimum.</summary>
    [CommandOption("--min-fps <FPS>")]
    [Description("Fewest estimated items per second on --device.")]
    public string? MinFps { get; init; }

    /// <summary>Device.</summary>
    [CommandOption("-d|--device <ID>")]
    [Description("Device for latency and FPS budgets.")]
    public string? Device { get; init; }

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue.")]
    public string? DevicesFile { get; init; }

    /// <summary>Runtime the estimate assumes.</summary>
    [CommandOption("--runtime <NAME>")]
    [Description("Runtime the estimate assumes: ort-cpu, ort-cuda, tensorrt, torch-eager, torch-cudagraph, tflite. Default: each device's usual runtime (docs/estimator.md).")]
    public string? Runtime { get; init; }

    /// <summary>Training mode.</summary>
    [CommandOption("--training")]
    [Description("Check the memory of a training step (AdamW) instead of inference.")]
    public bool Training { get; init; }
}
