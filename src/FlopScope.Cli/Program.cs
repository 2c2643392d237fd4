using FlopScope.Cli.Infrastructure;
using Spectre.Console;

var consoles = new Consoles(
    AnsiConsole.Console,
    AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));
return CliApp.Run(args, consoles);
