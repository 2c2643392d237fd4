using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Runtime.Remote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope remote check HOST</c>: what the remote lacks to run bench (exit 0 all fine, 1 something
/// missing, 2 cannot connect).</summary>
public sealed class RemoteCheckCommand(Consoles consoles) : Command<RemoteCheckSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, RemoteCheckSettings settings, CancellationToken cancellationToken)
    {
        var host = settings.Hosts() is [var one] ? one : throw new FlopScopeException("remote check takes one HOST.");
        var findings = RemoteCheck.RunAsync(host, settings.ToSshOptions(), settings.OrtLibrary, cancellationToken).GetAwaiter().GetResult();
        var table = new Table().Border(TableBorder.Rounded).Title($"remote check {Markup.Escape(host.Target)}").AddColumn("check").AddColumn("").AddColumn("found");
        foreach (var f in findings)
        {
            table.AddRow(Markup.Escape(f.Item), f.Ok ? "[green]ok[/]" : "[red]missing[/]", Markup.Escape(f.Detail));
        }

        consoles.Out.Write(table);
        var missing = findings.Where(f => !f.Ok).ToArray();
        foreach (var f in missing)
        {
            consoles.Error.WriteLine($"{host.Target}: {f.Item}: {f.Detail}");
        }

        return missing.Length == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
