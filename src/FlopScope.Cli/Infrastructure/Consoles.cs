using Spectre.Console;

namespace FlopScope.Cli.Infrastructure;

/// <summary>The two consoles a command writes to: <see cref="Out"/> carries the document, <see cref="Error"/> every
/// message, so a machine format on stdout stays clean.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record Consoles(IAnsiConsole Out, IAnsiConsole Error);
