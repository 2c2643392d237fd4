namespace FlopScope.Runtime.Remote;

/// <summary>Turns what ssh and scp print when they fail into one line that says what went wrong and what to do.</summary>
public static class SshFailure
{
    /// <summary>The exit status ssh uses for its own failures (connection, authentication), as opposed to the remote
    /// command's.</summary>
    public const int SshError = 255;

    /// <summary>One line for a failed ssh connection or copy (<paramref name="stderr"/>: what ssh/scp printed).</summary>
    public static string Describe(string target, string stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var said = LastLine(stderr);
        bool Has(string text) => stderr.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (Has("Could not resolve hostname") || Has("Name or service not known") || Has("nodename nor servname"))
        {
            return $"host not found: cannot resolve the name (ssh: {said})";
        }

        if (Has("Connection refused"))
        {
            return $"unreachable: connection refused, no SSH server listening there (ssh: {said})";
        }

        if (Has("timed out") || Has("No route to host") || Has("Network is unreachable") || Has("Connection closed by") && Has("port"))
        {
            return $"unreachable (ssh: {said})";
        }

        if (Has("Permission denied") || Has("Too many authentication failures"))
        {
            return $"authentication refused (ssh: {said}); flopscope runs ssh with BatchMode=yes, so set up key login first: ssh-copy-id {target}";
        }

        if (Has("Host key verification failed") || Has("REMOTE HOST IDENTIFICATION HAS CHANGED"))
        {
            return $"host key not trusted (ssh: {said}); connect once with 'ssh {target}' to check and accept it";
        }

        if (Has("No space left on device") || Has("Disk quota exceeded"))
        {
            return $"disk full on the remote (ssh: {said}); free space there or pass --remote-temp DIR on a larger disk";
        }

        return $"ssh failed: {(said.Length > 0 ? said : "no message")}";
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(l => !l.StartsWith("Warning: Permanently added", StringComparison.Ordinal)) ?? string.Empty;
}
