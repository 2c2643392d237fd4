namespace FlopScope.Runtime.Remote;

/// <summary>How to reach remote machines with the system's OpenSSH client (so ~/.ssh/config, keys and the agent apply)
/// and how to run flopscope there. Every member has a documented default.</summary>
public sealed record SshOptions
{
    /// <summary>An ssh_config file to use instead of ~/.ssh/config (ssh -F). Default: null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Extra ssh options, each KEY=VALUE as for ssh -o (e.g. Port=2222, IdentityFile=~/.ssh/pi). Default: none.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>The flopscope command on the remote. Default: null: flopscope on the remote's PATH, else
    /// ~/.dotnet/tools/flopscope (where dotnet tool install -g puts it; not on PATH of non-interactive logins).</summary>
    public string? RemoteCommand { get; init; }

    /// <summary>Folder on the remote where the temporary folder is made. Default: null: $TMPDIR, else /tmp.</summary>
    public string? RemoteTemp { get; init; }

    /// <summary>Seconds ssh waits for the connection. Default: 15.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 15;

    /// <summary>The ssh client. Default: ssh (on PATH).</summary>
    public string Ssh { get; init; } = "ssh";

    /// <summary>The scp client. Default: scp (on PATH).</summary>
    public string Scp { get; init; } = "scp";

    /// <summary>Options common to ssh and scp: the config file, BatchMode (never prompt: a password or passphrase
    /// prompt would hang a fleet run; keys and the agent still work), the connect timeout, then the user's options.</summary>
    internal IEnumerable<string> CommonArguments()
    {
        if (ConfigFile is not null)
        {
            yield return "-F";
            yield return ConfigFile;
        }

        yield return "-o";
        yield return "BatchMode=yes";
        yield return "-o";
        yield return $"ConnectTimeout={ConnectTimeoutSeconds}";
        foreach (var option in Options)
        {
            yield return "-o";
            yield return option;
        }
    }
}
