using FlopScope.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace FlopScope.Tests.Support;

/// <summary>Runs the CLI in-process against test consoles and captures exit code, stdout and stderr.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        var output = new TestConsole().Width(200);
        var error = new TestConsole().Width(400);
        var code = CliApp.Run(args, new Consoles(output, error));
        return new CliResult(code, output.Output, error.Output);
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);
