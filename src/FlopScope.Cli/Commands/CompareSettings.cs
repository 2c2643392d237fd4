using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope compare</c>.</summary>
public sealed class CompareSettings : SizeSettings, IDeviceFileSettings
{
    /// <summary>Models and saved results.</summary>
    [CommandArgument(0, "<INPUTS>")]
    [Description("ONNX models (.onnx, .onnx.gz) and saved results (profile or bench JSON, possibly measured on other machines).")]
    public string[] Files { get; init; } = [];

    /// <summary>Devices to estimate on.</summary>
    [CommandOption("-d|--device <IDS>")]
    [Description("Comma-separated device ids: an estimated-latency column per device.")]
    public string? Device { get; init; }

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue.")]
    public string? DevicesFile { get; init; }

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("console, json, csv or markdown. Default: console (or from --output's extension).")]
    public string? Format { get; init; }

    /// <summary>Output file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Writes the document to FILE instead of stdout.")]
    public string? Output { get; init; }
}
