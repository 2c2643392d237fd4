using FlopScope.Errors;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// Validates external-data locations: they must be relative paths that stay inside the model's folder (absolute paths
/// and <c>..</c> escapes were the attack of CVE-2024-27318). The file itself is never opened by the profiler.
/// </summary>
internal static class ExternalDataPath
{
    public static string Validate(string? location, string tensorName, string? modelDirectory)
    {
        if (string.IsNullOrEmpty(location))
        {
            throw new InvalidModelException($"Invalid model: tensor '{tensorName}' is marked EXTERNAL but has no 'location'.");
        }

        if (Path.IsPathRooted(location) || location.StartsWith('\\') || (location.Length >= 2 && location[1] == ':'))
        {
            throw new InvalidModelException($"Unsafe model: external data path '{location}' of tensor '{tensorName}' is absolute; it must be relative to the model's folder.");
        }

        var root = Path.GetFullPath(modelDirectory ?? Directory.GetCurrentDirectory());
        var full = Path.GetFullPath(Path.Combine(root, location.Replace('\\', '/')));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidModelException($"Unsafe model: external data path '{location}' of tensor '{tensorName}' escapes the model's folder.");
        }

        return location;
    }
}
