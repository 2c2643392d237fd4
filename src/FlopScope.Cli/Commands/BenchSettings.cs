using System.ComponentModel;
using System.Globalization;
using FlopScope.Errors;
using FlopScope.Runtime;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope bench</c>.</summary>
public sealed class BenchSettings : ModuleDepthSettings, IDeviceFileSettings, IRemoteSettings
{
    /// <summary>Model file; optional here because --list-providers needs none.</summary>
    [CommandArgument(0, "[MODEL]")]
    [Description("ONNX model file (.onnx or .onnx.gz).")]
    public string Model { get; init; } = string.Empty;

    /// <summary>Lists the providers of the loaded ONNX Runtime.</summary>
    [CommandOption("--list-providers")]
    [Description("Prints the execution providers the loaded ONNX Runtime library offers, and exits.")]
    public bool ListProviders { get; init; }

    /// <summary>Native ONNX Runtime library.</summary>
    [CommandOption("--ort-library <PATH>")]
    [Description("Native ONNX Runtime library to run with (a CUDA/TensorRT build, JetPack's, OpenVINO...), e.g. .../libonnxruntime.so. Default: FLOPSCOPE_ORT_LIBRARY, else the bundled CPU build. With --host, a path on the remote.")]
    public string? OrtLibrary { get; init; }

    /// <summary>Execution provider options.</summary>
    [CommandOption("--provider-option <KEY=VALUE>")]
    [Description("An option of the execution provider, ONNX Runtime's key (e.g. device_id=0, trt_fp16_enable=1). Repeatable.")]
    public string[] ProviderOptions { get; init; } = [];

    /// <inheritdoc />
    [CommandOption("--host <HOSTS>")]
    [Description("Runs on remote machines over SSH: user@host or a ~/.ssh/config alias, comma-separated for a fleet; HOST=DEVICE also estimates on that device (e.g. pi@pi5=rpi5).")]
    public string? Host { get; init; }

    /// <inheritdoc />
    [CommandOption("--hosts <FILE>")]
    [Description("A file of hosts, one per line (HOST or HOST=DEVICE; # comments).")]
    public string? HostsFile { get; init; }

    /// <inheritdoc />
    [CommandOption("--remote-command <PATH>")]
    [Description("flopscope on the remote. Default: flopscope on its PATH, else ~/.dotnet/tools/flopscope.")]
    public string? RemoteCommand { get; init; }

    /// <inheritdoc />
    [CommandOption("--remote-temp <DIR>")]
    [Description("Folder on the remote where the model is copied (a fresh folder inside it, removed afterwards). Default: $TMPDIR, else /tmp.")]
    public string? RemoteTemp { get; init; }

    /// <inheritdoc />
    [CommandOption("--ssh-config <FILE>")]
    [Description("ssh_config file to use instead of ~/.ssh/config (ssh -F).")]
    public string? SshConfig { get; init; }

    /// <inheritdoc />
    [CommandOption("--ssh-option <KEY=VALUE>")]
    [Description("Extra ssh option, as ssh -o (e.g. Port=2222). Repeatable.")]
    public string[] SshOptions { get; init; } = [];

    /// <summary>Folder for one bench JSON per host.</summary>
    [CommandOption("--output-dir <DIR>")]
    [Description("With --host: writes each host's bench JSON (the portable flopscope.bench/1 document) into DIR.")]
    public string? OutputDir { get; init; }

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
        ProviderOptions = ProviderOptions.Select(o => PairOf(o, "--provider-option", "device_id=0")).GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last().Path),
        LayerRuns = LayerRuns,
        InputFiles = UniqueFiles(InputFiles.Select(Pair)),
        SkipMemoryCheck = NoMemoryCheck,
    };

    /// <summary>Prompt tokens: benches a decoder's prefill and decode separately.</summary>
    [CommandOption("--prompt <P>")]
    [Description("ONNX decoders with past_key_values inputs: times the prefill of P tokens (the document), one decode step after --context cached tokens and a generation loop feeding present.* back as past_key_values.* (the 'phases' section).")]
    public long? Prompt { get; init; }

    /// <summary>Cached tokens before the timed decode step.</summary>
    [CommandOption("--context <C>")]
    [Description("With --prompt: cached tokens before the timed decode step. Default: the prompt.")]
    public long? Context { get; init; }

    /// <summary>Tokens per generation of the loop.</summary>
    [CommandOption("--generate <N>")]
    [Description("With --prompt: tokens generated per timed generation (the first comes from the prefill). Default: 16.")]
    public int Generate { get; init; } = 16;

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

    private static (string Name, string Path) Pair(string text) => PairOf(text, "--input-file", "images=img.npy");

    private static (string Name, string Path) PairOf(string text, string flag, string example)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1
            ? (text[..at], text[(at + 1)..])
            : throw new FlopScopeException($"{flag} takes KEY=VALUE (e.g. {flag} {example}), got '{text}'.");
    }

    /// <summary>Checks <c>--output</c> before the command does any work.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        Infrastructure.OutputPath.Validate(Output);
        return base.Validate();
    }
}
