using System.ComponentModel;
using FlopScope.Hardware;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Options that pick devices from the catalogue.</summary>
public interface IDeviceFileSettings
{
    /// <summary>A user device file adding or overriding devices.</summary>
    string? DevicesFile { get; }
}

/// <summary>Settings of <c>flopscope devices</c>.</summary>
public sealed class DevicesSettings : CommandSettings, IDeviceFileSettings, Infrastructure.ILimitSettings
{
    /// <inheritdoc />
    [CommandOption("--limit <NAME=VALUE>")]
    [Description("Raises (or lowers) a safety limit, e.g. --limit json=128MiB. Repeatable. Names and defaults: docs/limits.md.")]
    public string[] Limits { get; init; } = [];

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue (same format; 'calibrate' writes one).")]
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

/// <summary>Loads the catalogue the settings ask for.</summary>
public static class DeviceSettingsExtensions
{
    /// <summary>The built-in catalogue plus the user's file, if any.</summary>
    public static DeviceCatalog Catalog(this IDeviceFileSettings settings) =>
        settings.DevicesFile is { } file ? DeviceCatalog.BuiltIn().With(file) : DeviceCatalog.BuiltIn();
}
