using FlopScope.Errors;

namespace FlopScope.Runtime.Remote;

/// <summary>A target machine as ssh knows it (<c>pi@raspberrypi.local</c>, or a Host alias of ~/.ssh/config), and the
/// catalogue device to estimate on there, if any (<c>pi@pi5=rpi5</c>).</summary>
/// <param name="Target">What is passed to ssh and scp.</param>
/// <param name="Device">Device id for the estimate next to the measurement; null for none.</param>
public sealed record SshHost(string Target, string? Device = null)
{
    /// <summary>Parses <c>TARGET</c> or <c>TARGET=DEVICE</c>.</summary>
    /// <exception cref="FlopScopeException">Empty, or a target ssh would read as an option.</exception>
    public static SshHost Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var target = (at < 0 ? text : text[..at]).Trim();
        var device = at < 0 ? null : text[(at + 1)..].Trim();
        if (target.Length == 0 || target.StartsWith('-') || target.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '\'' or '"' or ';' or '`' or '$'))
        {
            throw new FlopScopeException($"--host: '{text}' is not a host (user@host, a Host alias of ~/.ssh/config, optionally =DEVICE).");
        }

        return new SshHost(target, string.IsNullOrEmpty(device) ? null : device);
    }

    /// <summary>Parses a comma-separated list (<c>a,b=rpi5,c</c>).</summary>
    public static IReadOnlyList<SshHost> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToArray();
    }

    /// <summary>Reads a hosts file: one host per line (<c>TARGET</c> or <c>TARGET=DEVICE</c>); blank lines and lines
    /// starting with # are skipped.</summary>
    /// <exception cref="FlopScopeException">Missing file or a bad line.</exception>
    public static IReadOnlyList<SshHost> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FlopScopeException($"--hosts: '{path}' does not exist.");
        }

        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Parse).ToArray();
    }

    /// <inheritdoc />
    public override string ToString() => Device is null ? Target : $"{Target}={Device}";
}
