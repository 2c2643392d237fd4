using FlopScope.Cli.Infrastructure;
using Spectre.Console;

var output = AnsiConsole.Console;
var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

// Redirected output has no terminal width; honour COLUMNS so tables are not squeezed to 80 characters.
if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40)
{
    output.Profile.Width = columns;
    error.Profile.Width = columns;
}

// Messages on a redirected stderr (CI logs) must not be hard-wrapped: a split path cannot be pasted.
if (Console.IsErrorRedirected)
{
    error.Profile.Width = 4096;
}

return CliApp.Run(args, new Consoles(output, error));
