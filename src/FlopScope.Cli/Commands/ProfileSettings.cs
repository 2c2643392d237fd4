using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope profile</c>.</summary>
public sealed class ProfileSettings : ModuleDepthSettings, IDeviceFileSettings
{
    /// <summary>Models: files, folders and globs.</summary>
    [CommandArgument(0, "<MODELS>")]
    [Description("ONNX model files (.onnx, .onnx.gz), folders (every model under them) or globs ('zoo/**/*.onnx'). Several models: one summary row each, profiled in parallel; a model that fails is named and the others go on (exit 2).")]
    public string[] Models { get; init; } = [];

    /// <summary>The model when there is one.</summary>
    public string Model => Models.Length > 0 ? Models[0] : string.Empty;

    /// <summary>Parallel profiles.</summary>
    [CommandOption("-j|--jobs <N>")]
    [Description("With several models: how many to profile at once. Default: one per core.")]
    public int? Jobs { get; init; }

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("console, json, csv, markdown, html, svg or png (svg and png draw one --chart). Default: console (or from --output's extension).")]
    public string? Format { get; init; }

    /// <summary>Output file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Writes the document to FILE instead of stdout.")]
    public string? Output { get; init; }

    /// <summary>Top layers.</summary>
    [CommandOption("--top <N>")]
    [Description("Shows the N heaviest layers (by total FLOPs). Default in the console: 15.")]
    public string? TopText { get; init; }

    /// <summary>Top layers, parsed here so that bad syntax reads as one clear line.</summary>
    public int? Top => TopText is null ? null : ParseInt(TopText, "--top");

    /// <summary>All layers.</summary>
    [CommandOption("--layers")]
    [Description("Shows every layer in the console table.")]
    public bool AllLayers { get; init; }

    /// <summary>Decoder phase to bind.</summary>
    [CommandOption("--phase <PHASE>")]
    [Description("ONNX decoders: prefill (--prompt P tokens into an empty cache) or decode (1 token after --context C cached tokens; needs past_key_values inputs). Binds input_ids, attention_mask, position_ids and the cache inputs.")]
    public string? Phase { get; init; }

    /// <summary>Prompt tokens of the prefill phase.</summary>
    [CommandOption("--prompt <P>")]
    [Description("With --phase prefill: prompt tokens. With --phase decode: the default context.")]
    public long? Prompt { get; init; }

    /// <summary>Cached tokens before a decode step.</summary>
    [CommandOption("--context <C>")]
    [Description("With --phase decode: cached tokens before the step. Default: --prompt.")]
    public long? Context { get; init; }

    /// <summary>Sweep over one dimension.</summary>
    [CommandOption("--sweep <NAME=SIZES>")]
    [Description("Profiles at each size of one dimension and fits exact formulas: imgsz=320,480,640,960, batch=1,2,4 or sequence=128,256,512.")]
    public string? Sweep { get; init; }

    /// <summary>Device for the estimate in the HTML report and the roofline chart.</summary>
    [CommandOption("-d|--device <ID>")]
    [Description("Adds a roofline estimate on this device (see 'flopscope devices'): roofs in the roofline chart and estimated time per layer (html, svg, png, console).")]
    public string? Device { get; init; }

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue.")]
    public string? DevicesFile { get; init; }

    /// <summary>Runtime the estimate assumes.</summary>
    [CommandOption("--runtime <NAME>")]
    [Description("Runtime the estimate assumes: ort-cpu, ort-cuda, tensorrt, torch-eager, torch-cudagraph, tflite. Default: each device's usual runtime (docs/estimator.md).")]
    public string? Runtime { get; init; }

    /// <summary>Chart for --format svg|png.</summary>
    [CommandOption("--chart <NAME>")]
    [Description("The chart --format svg|png draws: by-op, top-layers, modules or roofline.")]
    public string? Chart { get; init; }

    /// <summary>Baseline profile to compare with.</summary>
    [CommandOption("--baseline <FILE>")]
    [Description("An earlier --format json profile: console, markdown and html show the change in GFLOPs (GMACs under torchvision), parameters, total FLOPs and peak memory.")]
    public string? Baseline { get; init; }

    /// <summary>Benchmark each sweep size.</summary>
    [CommandOption("--bench")]
    [Description("With --sweep: also measures each size in ONNX Runtime (median latency column).")]
    public bool Bench { get; init; }

    /// <summary>Timed runs per sweep size.</summary>
    [CommandOption("--bench-runs <N>")]
    [Description("With --sweep --bench: timed runs per size. Default: 20.")]
    [DefaultValue(20)]
    public int BenchRuns { get; init; } = 20;

    /// <summary>A bench result whose per-layer times the HTML report shows next to the estimate.</summary>
    [CommandOption("--measured <FILE>")]
    [Description("A 'flopscope bench --format json' result of this model: per-layer measured time in the HTML report (with --device: measured vs estimated) and measured points in the roofline chart.")]
    public string? Measured { get; init; }

    /// <summary>Strict mode.</summary>
    [CommandOption("--strict")]
    [Description("Exit 1 when any op is unsupported or unresolved (its cost would be missing).")]
    public bool Strict { get; init; }

    /// <summary>Checks <c>--output</c> before the command does any work.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        Infrastructure.OutputPath.Validate(Output);
        return base.Validate();
    }
}
