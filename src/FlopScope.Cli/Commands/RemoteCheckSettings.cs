using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope remote check HOST</c>.</summary>
public sealed class RemoteCheckSettings : CommandSettings, IRemoteSettings
{
    /// <inheritdoc />
    [CommandArgument(0, "<HOST>")]
    [Description("user@host or a ~/.ssh/config alias.")]
    public string? Host { get; init; }

    /// <inheritdoc />
    public string? HostsFile => null;

    /// <summary>Native ONNX Runtime library on the remote.</summary>
    [CommandOption("--ort-library <PATH>")]
    [Description("Checks this native ONNX Runtime library on the remote instead of the bundled one.")]
    public string? OrtLibrary { get; init; }

    /// <inheritdoc />
    [CommandOption("--remote-command <PATH>")]
    [Description("flopscope on the remote. Default: flopscope on its PATH, else ~/.dotnet/tools/flopscope.")]
    public string? RemoteCommand { get; init; }

    /// <inheritdoc />
    [CommandOption("--remote-temp <DIR>")]
    [Description("Folder on the remote for the temporary folder. Default: $TMPDIR, else /tmp.")]
    public string? RemoteTemp { get; init; }

    /// <inheritdoc />
    [CommandOption("--ssh-config <FILE>")]
    [Description("ssh_config file to use instead of ~/.ssh/config (ssh -F).")]
    public string? SshConfig { get; init; }

    /// <inheritdoc />
    [CommandOption("--ssh-option <KEY=VALUE>")]
    [Description("Extra ssh option, as ssh -o (e.g. Port=2222). Repeatable.")]
    public string[] SshOptions { get; init; } = [];
}
