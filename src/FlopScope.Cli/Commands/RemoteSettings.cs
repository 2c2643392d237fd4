using System.ComponentModel;
using Spectre.Console.Cli;
using FlopScope.Errors;
using FlopScope.Runtime.Remote;

namespace FlopScope.Cli.Commands;

/// <summary>Options of the commands that can run on remote machines over SSH.</summary>
public interface IRemoteSettings
{
    /// <summary>Comma-separated hosts (user@host, a ~/.ssh/config alias), each optionally =DEVICE.</summary>
    string? Host { get; }

    /// <summary>A file of hosts, one per line.</summary>
    string? HostsFile { get; }

    /// <summary>The flopscope command on the remote.</summary>
    string? RemoteCommand { get; }

    /// <summary>Folder on the remote for the temporary folder.</summary>
    string? RemoteTemp { get; }

    /// <summary>An ssh_config file (ssh -F).</summary>
    string? SshConfig { get; }

    /// <summary>Extra ssh options (ssh -o KEY=VALUE).</summary>
    string[] SshOptions { get; }
}

/// <summary>Turns remote settings into the library's options.</summary>
public static class RemoteSettingsExtensions
{
    /// <summary>The hosts asked for, from --host and --hosts; empty for a local run.</summary>
    public static IReadOnlyList<SshHost> Hosts(this IRemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var hosts = new List<SshHost>();
        if (settings.Host is { } list)
        {
            hosts.AddRange(SshHost.ParseList(list));
        }

        if (settings.HostsFile is { } file)
        {
            hosts.AddRange(SshHost.ReadFile(file));
        }

        if ((settings.Host is not null || settings.HostsFile is not null) && hosts.Count == 0)
        {
            throw new FlopScopeException("--host/--hosts: no hosts given.");
        }

        return hosts;
    }

    /// <summary>The ssh options asked for.</summary>
    public static SshOptions ToSshOptions(this IRemoteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var option in settings.SshOptions)
        {
            if (!option.Contains('=', StringComparison.Ordinal) || option.StartsWith('='))
            {
                throw new FlopScopeException($"--ssh-option takes KEY=VALUE as ssh -o does (e.g. --ssh-option Port=2222), got '{option}'.");
            }
        }

        if (settings.SshConfig is { } config && !File.Exists(config))
        {
            throw new FlopScopeException($"--ssh-config: '{config}' does not exist.");
        }

        return new SshOptions
        {
            ConfigFile = settings.SshConfig is { } c ? Path.GetFullPath(c) : null,
            Options = settings.SshOptions,
            RemoteCommand = settings.RemoteCommand,
            RemoteTemp = settings.RemoteTemp,
        };
    }
}

/// <summary>
/// The SSH connection options of the remote-capable verbs that need no model settings (<c>calibrate</c>,
/// <c>remote check</c>). <c>bench</c> declares the same four options itself because it already derives from the
/// model settings (Spectre.Console.Cli settings inherit from one base class).
/// </summary>
public abstract class SshConnectionSettings : CommandSettings
{
    /// <summary>The flopscope command on the remote.</summary>
    [CommandOption("--remote-command <PATH>")]
    [Description("flopscope on the remote. Default: flopscope on its PATH, else ~/.dotnet/tools/flopscope.")]
    public string? RemoteCommand { get; init; }

    /// <summary>Folder on the remote for the temporary folder.</summary>
    [CommandOption("--remote-temp <DIR>")]
    [Description("Folder on the remote for the temporary folder. Default: $TMPDIR, else /tmp.")]
    public string? RemoteTemp { get; init; }

    /// <summary>An ssh_config file (ssh -F).</summary>
    [CommandOption("--ssh-config <FILE>")]
    [Description("ssh_config file to use instead of ~/.ssh/config (ssh -F).")]
    public string? SshConfig { get; init; }

    /// <summary>Extra ssh options (ssh -o KEY=VALUE).</summary>
    [CommandOption("--ssh-option <KEY=VALUE>")]
    [Description("Extra ssh option, as ssh -o (e.g. Port=2222). Repeatable.")]
    public string[] SshOptions { get; init; } = [];
}
