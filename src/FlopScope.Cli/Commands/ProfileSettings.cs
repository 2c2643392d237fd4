using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope profile</c>.</summary>
public sealed class ProfileSettings : ModelSettings
{
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
    [Description("Shows the N heaviest layers (by total FLOPs). Default in the console: 15.")]
    public string? TopText { get; init; }

    /// <summary>Top layers, parsed here so that bad syntax reads as one clear line.</summary>
    public int? Top => TopText is null ? null : ParseInt(TopText, "--top");

    /// <summary>All layers.</summary>
    [CommandOption("--layers")]
    [Description("Shows every layer in the console table.")]
    public bool AllLayers { get; init; }

    /// <summary>Sweep over one dimension.</summary>
    [CommandOption("--sweep <NAME=SIZES>")]
    [Description("Profiles at each size of one dimension and fits exact formulas: imgsz=320,480,640,960, batch=1,2,4 or sequence=128,256,512.")]
    public string? Sweep { get; init; }

    /// <summary>Strict mode.</summary>
    [CommandOption("--strict")]
    [Description("Exit 1 when any op is unsupported or unresolved (its cost would be missing).")]
    public bool Strict { get; init; }
}
