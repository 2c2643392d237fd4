using System.ComponentModel;
using FlopScope.Errors;
using FlopScope.Profiling;
using FlopScope.Reporting;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings shared by every command that reads one model at an input size.</summary>
public class ModelSettings : SizeSettings
{
    /// <summary>Model file.</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("ONNX model file (.onnx or .onnx.gz).")]
    public string Model { get; init; } = string.Empty;
}

/// <summary>Input sizes, convention and precision: the flags that turn a model into a profile.</summary>
public class SizeSettings : CommandSettings, Infrastructure.ILimitSettings
{
    /// <inheritdoc />
    [CommandOption("--limit <NAME=VALUE>")]
    [Description("Raises (or lowers) a safety limit, e.g. --limit nesting=200. Repeatable. Names and defaults: docs/limits.md.")]
    public string[] Limits { get; init; } = [];

    /// <summary>Image size.</summary>
    [CommandOption("--imgsz <SIZE>")]
    [Description("H and W of image inputs: 640 or 480,640. Default: the model's own, 640 where dynamic.")]
    public string? ImageSize { get; init; }

    /// <summary>Batch size.</summary>
    [CommandOption("--batch <N>")]
    [Description("Batch size (dimension 0 of every input). Default: the model's own, 1 where dynamic.")]
    public string? BatchText { get; init; }

    /// <summary>Batch size, parsed here (not by Spectre) so that bad syntax reads as one clear line.</summary>
    public long? Batch => BatchText is null ? null : ParseLong(BatchText, "--batch");

    /// <summary>Named dimensions.</summary>
    [CommandOption("--dim <NAME=VALUE>")]
    [Description("Binds a symbolic dimension, e.g. --dim sequence=128. Repeatable.")]
    public string[] Dims { get; init; } = [];

    /// <summary>Whole input shapes.</summary>
    [CommandOption("--input <NAME=SHAPE>")]
    [Description("Sets one input's whole shape, e.g. --input images=1x3x640x640. Repeatable.")]
    public string[] Inputs { get; init; } = [];

    /// <summary>Scale a static export's stored profile instead of re-inferring shapes.</summary>
    [CommandOption("--rescale")]
    [Description("For a static export (fixed 1x3x640x640) asked at another --imgsz or --batch: profile at the stored size and scale each node by batch and spatial area, as Ultralytics does; labelled as scaled.")]
    public bool Rescale { get; init; }

    /// <summary>Counting convention.</summary>
    [CommandOption("--convention <NAME>")]
    [Description("default (PyTorch FlopCounterMode), torchvision (GMACs) or ultralytics (thop rules x 2). Default: default.")]
    [DefaultValue("default")]
    public string Convention { get; init; } = "default";

    /// <summary>Module depth of the per-module tables; 1 unless the command has --depth (<see cref="ModuleDepthSettings"/>).</summary>
    protected virtual int ModuleDepth => 1;

    /// <summary>Precision.</summary>
    [CommandOption("--precision <PRECISION>")]
    [Description("fp32, fp16, bf16 or int8: judge memory (and estimates) as if run at it. Default: the model's own types.")]
    public string? Precision { get; init; }

    /// <summary>Converts the settings to profile options; throws <see cref="FlopScopeException"/> on bad syntax.</summary>
    public ProfileOptions ToProfileOptions()
    {
        if (!ConventionText.TryParse(Convention, out var convention))
        {
            throw new FlopScopeException($"Unknown convention '{Convention}'; use default, torchvision or ultralytics.");
        }

        return new ProfileOptions
        {
            ImageSize = ImageSize is null ? null : ParseImageSize(ImageSize),
            Batch = Batch,
            Dims = Unique(Dims.Select(d => ParsePair(d, "--dim", "sequence=128")), "--dim").ToDictionary(p => p.Name, p => ParseLong(p.Value, "--dim " + p.Name)),
            InputShapes = Unique(Inputs.Select(i => ParsePair(i, "--input", "images=1x3x640x640")), "--input").ToDictionary(p => p.Name, p => ParseShape(p.Value)),
            Convention = convention,
            ModuleDepth = ModuleDepth,
            Rescale = Rescale,
            Precision = Precision is null ? null
                : FlopScope.Memory.ElementSize.TryParse(Precision, out var precision) ? precision
                : throw new FlopScopeException($"Unknown precision '{Precision}'; use fp32, fp16, bf16 or int8."),
        };
    }

    private static (long, long) ParseImageSize(string text)
    {
        var parts = text.Split(',', 'x');
        return parts.Length switch
        {
            1 => (ParseLong(parts[0], "--imgsz"), ParseLong(parts[0], "--imgsz")),
            2 => (ParseLong(parts[0], "--imgsz"), ParseLong(parts[1], "--imgsz")),
            _ => throw new FlopScopeException($"--imgsz takes one size or H,W (e.g. 640 or 480,640), got '{text}'."),
        };
    }

    private static (string Name, string Value) ParsePair(string text, string flag, string example)
    {
        var at = text.LastIndexOf('=');
        return at > 0 && at < text.Length - 1
            ? (text[..at], text[(at + 1)..])
            : throw new FlopScopeException($"{flag} takes NAME=VALUE (e.g. {flag} {example}), got '{text}'.");
    }

    private static List<(string Name, string Value)> Unique(IEnumerable<(string Name, string Value)> pairs, string flag)
    {
        var list = pairs.ToList();
        var twice = list.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? list : throw new FlopScopeException($"{flag} {twice.Key} is given twice ({string.Join(" and ", twice.Select(p => p.Value))}); give it once.");
    }

    private static long[] ParseShape(string text)
    {
        var dims = text.Split('x', ',').Select(p => ParseLong(p, "--input")).ToArray();
        var elements = dims.Aggregate(1.0, (a, d) => a * d);
        return elements <= FlopScope.Safety.Limits.Current.Elements
            ? dims
            : throw new FlopScopeException($"--input: shape '{text}' has {elements:G3} elements, more than the 'elements' limit {FlopScope.Safety.Limits.Current.Elements:N0} (--limit elements=N).");
    }

    /// <summary>Parses a non-negative integer option that must fit an <see cref="int"/>.</summary>
    protected static int ParseInt(string text, string flag) =>
        ParseLong(text, flag) is var value && value <= int.MaxValue
            ? (int)value
            : throw new FlopScopeException($"{flag}: '{text}' is too large.");

    /// <summary>Parses a non-negative integer option; throws <see cref="FlopScopeException"/> naming the flag.</summary>
    protected static long ParseLong(string text, string flag) =>
        long.TryParse(text.Trim(), out var value) && value >= 0
            ? value
            : throw new FlopScopeException($"{flag}: '{text}' is not a non-negative integer.");
}

/// <summary>A command with per-module tables: adds <c>--depth</c> (only where it changes the output).</summary>
public class ModuleDepthSettings : SizeSettings
{
    /// <summary>Module depth.</summary>
    [CommandOption("--depth <N>")]
    [Description("Depth of the per-module table (1: model.23; 2: model.23/cv2.0). Default: 1.")]
    [DefaultValue("1")]
    public string DepthText { get; init; } = "1";

    /// <inheritdoc />
    protected override int ModuleDepth => ParseInt(DepthText, "--depth");
}
