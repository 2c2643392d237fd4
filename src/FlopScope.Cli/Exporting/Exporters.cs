using FlopScope.Errors;

namespace FlopScope.Cli.Exporting;

/// <summary>The one place formats are registered, in the order help and error messages list them.</summary>
public static class Exporters
{
    /// <summary>Every format. Adding one: a new <see cref="IExporter"/> in this folder and one entry here.</summary>
    public static IReadOnlyList<IExporter> All { get; } =
    [
        new ConsoleExporter(),
        new JsonExporter(),
        new CsvExporter(),
        new MarkdownExporter(),
        new HtmlExporter(),
        new SvgExporter(),
        new PngExporter(),
    ];

    /// <summary>The formats that can write <paramref name="kind"/>.</summary>
    public static IReadOnlyList<IExporter> For(ResultKind kind) => All.Where(e => e.Supports(kind)).ToList();

    /// <summary>The exporter <paramref name="format"/> names, else the one <paramref name="output"/>'s extension
    /// implies, else the console; one clear line when the format is unknown or cannot write <paramref name="kind"/>.
    /// Called before any work, so a wrong flag costs nothing.</summary>
    /// <param name="format">The --format value, or null.</param>
    /// <param name="output">The --output file, or null.</param>
    /// <param name="kind">What the command will produce.</param>
    /// <param name="command">The command as the user typed it, for messages ("profile --sweep").</param>
    public static IExporter Resolve(string? format, string? output, ResultKind kind, string command)
    {
        var usable = For(kind);
        if (format is null)
        {
            if (output is null)
            {
                return usable[0];
            }

            var extension = System.IO.Path.GetExtension(output);
            return usable.FirstOrDefault(e => e.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
                ?? throw new FlopScopeException($"Cannot tell the format of '{output}' from its extension; add --format {string.Join("|", usable.Where(e => e.Extensions.Count > 0).Select(e => e.Format))}.");
        }

        var named = All.FirstOrDefault(e => e.Format.Equals(format, StringComparison.OrdinalIgnoreCase)
            || e.Extensions.Any(x => x[1..].Equals(format, StringComparison.OrdinalIgnoreCase)));
        var list = Names(usable);
        return named is null ? throw new FlopScopeException($"Unknown format '{format}'; use {list}.")
            : usable.Contains(named) ? named
            : throw new FlopScopeException($"{command} does not write {named.Format}; use {list}.");
    }

    private static string Names(IReadOnlyList<IExporter> exporters) => exporters.Count == 1
        ? exporters[0].Format
        : string.Join(", ", exporters.Take(exporters.Count - 1).Select(e => e.Format)) + " or " + exporters[^1].Format;
}
