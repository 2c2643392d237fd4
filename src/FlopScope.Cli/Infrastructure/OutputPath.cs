using FlopScope.Errors;

namespace FlopScope.Cli.Infrastructure;

/// <summary>Checks an <c>--output</c> path before any work, so a long bench or profile does not end in "Access denied".</summary>
public static class OutputPath
{
    /// <summary>Throws a one-line <see cref="FlopScopeException"/> when <paramref name="path"/> cannot be written as a file.</summary>
    public static void Validate(string? path, string flag = "--output")
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) || path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new FlopScopeException($"{flag}: '{FlopScope.Safety.SafeText.Clean(path)}' is not a valid file path.");
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new FlopScopeException($"{flag}: '{path}' is not a valid file path.");
        }

        if (Directory.Exists(full) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new FlopScopeException($"{flag}: '{path}' is a folder; name a file in it (e.g. {Path.Combine(path, "report.json")}).");
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new FlopScopeException($"{flag}: folder '{folder}' does not exist.");
        }

        if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
        {
            throw new FlopScopeException($"{flag}: '{path}' is read-only.");
        }
    }
}
