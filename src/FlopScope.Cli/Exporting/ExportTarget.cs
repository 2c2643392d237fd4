using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using Spectre.Console;

namespace FlopScope.Cli.Exporting;

/// <summary>Where a document goes: standard output, or the <c>--output</c> file (then "wrote FILE" on standard
/// error). Messages never go here, so a machine format on stdout stays clean.</summary>
/// <param name="consoles">The command's consoles.</param>
/// <param name="path">The --output file, or null for standard output.</param>
public sealed class ExportTarget(Consoles consoles, string? path)
{
    /// <summary>The --output file, or null.</summary>
    public string? Path => path;

    /// <summary>Renders console output: to the terminal, or as plain text (no colour) into the file.</summary>
    public void Console(Action<IAnsiConsole> render)
    {
        if (path is null)
        {
            render(consoles.Out);
            return;
        }

        using (var file = new StreamWriter(path))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(file),
            });
            console.Profile.Width = consoles.Out.Profile.Width;
            render(console);
        }

        Wrote();
    }

    /// <summary>Writes a text document.</summary>
    public void Text(Action<TextWriter> write)
    {
        if (path is null)
        {
            write(consoles.Out.Profile.Out.Writer);
            return;
        }

        using (var file = new StreamWriter(path))
        {
            write(file);
        }

        Wrote();
    }

    /// <summary>Writes a binary document, which needs a file.</summary>
    public void Bytes(string format, Func<byte[]> data)
    {
        File.WriteAllBytes(path ?? throw new FlopScopeException($"--format {format} writes a file: add --output FILE.{format}."), data());
        Wrote();
    }

    private void Wrote() => consoles.Error.MarkupLineInterpolated($"[grey]wrote {path}[/]");
}
