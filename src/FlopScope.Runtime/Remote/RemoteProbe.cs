using System.Globalization;
using System.Text.RegularExpressions;

namespace FlopScope.Runtime.Remote;

/// <summary>What one ssh round trip learned about a remote machine.</summary>
public sealed partial record RemoteProbe
{
    /// <summary>uname -m of the remote (x86_64, aarch64, armv7l...).</summary>
    public required string Machine { get; init; }

    /// <summary>uname -s of the remote (Linux, Darwin).</summary>
    public required string System { get; init; }

    /// <summary>The flopscope command found there; null when none.</summary>
    public string? Command { get; init; }

    /// <summary>First line of <c>flopscope --version</c> there; null when no command.</summary>
    public string? VersionText { get; init; }

    /// <summary>The temporary folder made there; null when none was asked for or mktemp failed.</summary>
    public string? Folder { get; init; }

    /// <summary>What mktemp said when it failed.</summary>
    public string? FolderError { get; init; }

    /// <summary>Free space where the temporary folder goes, KiB; null when df did not say.</summary>
    public long? FreeKib { get; init; }

    /// <summary>The folder the temporary folder goes in.</summary>
    public required string TempRoot { get; init; }

    /// <summary>The version number in <see cref="VersionText"/>, or null.</summary>
    public Version? Version => VersionText is { } text && VersionNumber().Match(text) is { Success: true } m
        ? Version.Parse(m.Value) : null;

    /// <summary>.NET's name of the architecture (x64, arm64, arm, x86), or uname's when unknown.</summary>
    public string Architecture => Machine switch
    {
        "x86_64" or "amd64" => "x64",
        "aarch64" or "arm64" => "arm64",
        "armv7l" or "armv6l" or "armv7" or "armhf" => "arm",
        "i386" or "i686" => "x86",
        _ => Machine,
    };

    /// <summary>Whether Microsoft.ML.OnnxRuntime (bundled with the tool) ships a native library for this OS and
    /// architecture: linux x64/arm64, macOS x64/arm64, Windows x64/arm64/x86.</summary>
    public bool BundledRuntimeSupported => (System, Architecture) switch
    {
        ("Linux", "x64" or "arm64") => true,
        ("Darwin", "x64" or "arm64") => true,
        _ => false,
    };

    /// <summary>Reads the key=value lines the probe script prints.</summary>
    internal static RemoteProbe Parse(string stdout, string tempRoot)
    {
        var values = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .GroupBy(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToDictionary(g => g.Key, g => g.First()[(g.Key.Length + 1)..]);
        string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        return new RemoteProbe
        {
            Machine = Get("arch") ?? "unknown",
            System = Get("os") ?? "unknown",
            Command = Get("command"),
            VersionText = Get("version"),
            Folder = Get("dir"),
            FolderError = Get("mktemp"),
            FreeKib = long.TryParse(Get("free_kb"), CultureInfo.InvariantCulture, out var free) ? free : null,
            TempRoot = Get("temp") ?? tempRoot,
        };
    }

    [GeneratedRegex(@"\d+\.\d+(\.\d+)?")]
    private static partial Regex VersionNumber();
}
