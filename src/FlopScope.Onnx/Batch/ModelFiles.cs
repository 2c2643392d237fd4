using System.Text.RegularExpressions;

namespace FlopScope.Onnx.Batch;

/// <summary>
/// Expands command-line model arguments: a file stays itself, a folder becomes every .onnx and .onnx.gz under it
/// (recursively), a glob (<c>*</c>, <c>?</c>, <c>**</c> for any folders) the files it matches. Order: arguments in
/// order, files within one in ordinal path order. An argument that matches nothing stays, so it is named as failed.
/// </summary>
public static class ModelFiles
{
    /// <summary>True for .onnx and .onnx.gz names.</summary>
    public static bool IsModel(string path) =>
        path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".onnx.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="argument"/> names more than one file: a folder or a glob.</summary>
    public static bool IsMany(string argument) => Directory.Exists(argument) || IsGlob(argument);

    /// <summary>The files <paramref name="arguments"/> name, with each argument that names none kept as is.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            var found = Directory.Exists(argument) ? Under(argument, _ => true)
                : IsGlob(argument) ? Glob(argument)
                : [argument];
            files.AddRange(found.Count > 0 ? found : [argument]);
        }

        return files;
    }

    /// <summary>Why a folder or glob argument that <see cref="Expand"/> kept as is names no model, or null for a file.</summary>
    public static string? NothingUnder(string argument) =>
        Directory.Exists(argument) ? $"no .onnx or .onnx.gz model under '{argument}'."
        : IsGlob(argument) ? $"no .onnx or .onnx.gz file matches '{argument}'."
        : null;

    private static bool IsGlob(string path) => path.AsSpan().IndexOfAny('*', '?') >= 0;

    private static List<string> Under(string folder, Func<string, bool> match) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden })
            .Where(IsModel).Where(match).Order(StringComparer.Ordinal).ToList();

    /// <summary>Files under the glob's fixed folder prefix whose relative path matches the rest of it.</summary>
    private static List<string> Glob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var parts = normalized.Split('/');
        var fixedParts = parts.TakeWhile(p => !IsGlob(p)).ToList();
        var root = fixedParts.Count == 0 ? "." : string.Join('/', fixedParts);
        if (fixedParts.Count == 1 && fixedParts[0].Length == 0)
        {
            root = "/";
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var rest = string.Join('/', parts.Skip(fixedParts.Count));
        var regex = new Regex("^" + Regex.Escape(rest).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$",
            RegexOptions.CultureInvariant);
        return Under(root, f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Select(f => fixedParts.Count == 0 ? Path.GetRelativePath(".", f) : f).ToList();
    }
}
