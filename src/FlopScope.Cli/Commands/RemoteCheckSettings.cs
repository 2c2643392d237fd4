using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope remote check HOST</c>.</summary>
public sealed class RemoteCheckSettings : SshConnectionSettings, IRemoteSettings
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
}
