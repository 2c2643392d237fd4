using System.ComponentModel;
using System.Globalization;
using FlopScope.Errors;
using FlopScope.Runtime;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope bench</c>.</summary>
public sealed class BenchSettings : ModuleDepthSettings, IDeviceFileSettings
{
    /// <summary>Model file.</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("ONNX model file (.onnx or .onnx.gz).")]
    public string Model { get; init; } = string.Empty;

    /// <summary>Device to estimate on.</summary>
    [CommandOption("-d|--device <ID>")]
    [Description("Also estimates the model on this device (e.g. 'local' from calibrate) and shows estimated vs measured time per op type.")]
    public string? Device { get; init; }

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue (e.g. the file calibrate wrote).")]
    public string? DevicesFile { get; init; }

    /// <summary>Warm-up runs.</summary>
    [CommandOption("--warmup <N>")]
    [Description("Untimed runs before timing. Default: 5.")]
    [DefaultValue(5)]
    public int Warmup { get; init; } = 5;

    /// <summary>Timed runs.</summary>
    [CommandOption("--runs <N>")]
    [Description("Timed runs. Default: 100 runs or 10 s, whichever ends first; with --duration, whichever of the two ends first.")]
    public int? Runs { get; init; }

    /// <summary>Time budget.</summary>
    [CommandOption("--duration <SECONDS>")]
    [Description("Times runs for this many seconds (at least one run).")]
    public double? Duration { get; init; }

    /// <summary>Intra-op threads.</summary>
    [CommandOption("--threads <N>")]
    [Description("Intra-op threads. Default: ONNX Runtime's (one per physical core).")]
    public int? Threads { get; init; }

    /// <summary>Optimization level.</summary>
    [CommandOption("--graph-optimization <LEVEL>")]
    [Description("none, basic, extended or all. Default: all. With none, per-layer times are exact.")]
    [DefaultValue("all")]
    public string GraphOptimization { get; init; } = "all";

    /// <summary>Execution provider.</summary>
    [CommandOption("--provider <NAME>")]
    [Description("cpu, cuda, tensorrt, dml, coreml, openvino, xnnpack... (those in this build; the standard build has cpu). Default: cpu.")]
    [DefaultValue("cpu")]
    public string Provider { get; init; } = "cpu";

    /// <summary>Input files.</summary>
    [CommandOption("--input-file <NAME=PATH>")]
    [Description("Feeds an input from a file: .npy, .pb (TensorProto, raw_data) or .raw (bytes of the bound shape). Repeatable.")]
    public string[] InputFiles { get; init; } = [];

    /// <summary>Profiled runs for per-layer times.</summary>
    [CommandOption("--layer-runs <N>")]
    [Description("Runs of the separate profiled session that times each layer; 0 skips per-layer times. Default: 10.")]
    [DefaultValue(10)]
    public int LayerRuns { get; init; } = 10;

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("console or json. Default: console (json when --output ends in .json).")]
    public string? Format { get; init; }

    /// <summary>Output file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Writes the document to FILE instead of stdout.")]
    public string? Output { get; init; }

    /// <summary>Rows of the layer tables.</summary>
    [CommandOption("--top <N>")]
    [Description("Rows of the per-layer and per-op tables in the console. Default: 10.")]
    [DefaultValue(10)]
    public int Top { get; init; } = 10;

    /// <summary>The library options these settings ask for.</summary>
    public BenchOptions ToBenchOptions() => new()
    {
        Profile = ToProfileOptions(),
        Warmup = Warmup,
        Runs = Runs,
        Duration = Duration is { } d ? (d > 0 && d < 1e6 ? TimeSpan.FromSeconds(d) : throw new FlopScopeException($"--duration must be positive, got {d.ToString(CultureInfo.InvariantCulture)}.")) : null,
        Threads = Threads,
        Optimization = OrtSessions.ParseLevel(GraphOptimization),
        Provider = Provider,
        LayerRuns = LayerRuns,
        InputFiles = UniqueFiles(InputFiles.Select(Pair)),
        SkipMemoryCheck = NoMemoryCheck,
    };

    /// <summary>Skips the memory check.</summary>
    [CommandOption("--no-memory-check")]
    [Description("Run even when weights plus estimated activations exceed the memory available (the check refuses such models by default).")]
    public bool NoMemoryCheck { get; init; }

    private static Dictionary<string, string> UniqueFiles(IEnumerable<(string Name, string Path)> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, path) in pairs)
        {
            if (!result.TryAdd(name, path))
            {
                throw new FlopScopeException($"--input-file {name} is given twice; give it once.");
            }
        }

        return result;
    }

    private static (string Name, string Path) Pair(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1
            ? (text[..at], text[(at + 1)..])
            : throw new FlopScopeException($"--input-file takes NAME=PATH (e.g. --input-file images=img.npy), got '{text}'.");
    }

    /// <summary>Checks <c>--output</c> before the command does any work.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        Infrastructure.OutputPath.Validate(Output);
        return base.Validate();
    }
}
