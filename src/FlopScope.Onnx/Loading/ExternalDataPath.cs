using FlopScope.Errors;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// Validates external-data locations: they must be relative paths that stay inside the model's folder (absolute paths
/// and <c>..</c> escapes were the attack of CVE-2024-27318). The file itself is not opened here; only the tied-tensor
/// search (IdenticalTensorFinder, when a load asks for it) maps it to compare tensors.
/// </summary>
internal static class ExternalDataPath
{
    public static string Validate(string? location, string tensorName, string? modelDirectory)
    {
        if (string.IsNullOrEmpty(location))
        {
            throw new InvalidModelException($"Invalid model: tensor '{tensorName}' is marked EXTERNAL but has no 'location'.");
        }

        if (location.Any(c => char.IsControl(c)))
        {
            throw new InvalidModelException($"Unsafe model: external data path of tensor '{FlopScope.Safety.SafeText.Clean(tensorName)}' contains control characters (NUL or similar): '{FlopScope.Safety.SafeText.Clean(location)}'.");
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

        // A symbolic link inside the folder can still point outside it: compare where the links really lead.
        var realRoot = Resolve(root);
        var realFull = Resolve(Path.Combine(root, location.Replace('\\', '/')));
        var realPrefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        if (!realFull.StartsWith(realPrefix, StringComparison.Ordinal))
        {
            throw new InvalidModelException($"Unsafe model: external data path '{location}' of tensor '{tensorName}' is a symbolic link (or under one) that leads outside the model's folder.");
        }

        return location;
    }

    /// <summary>The path with every symbolic link along it followed (like realpath), for the parts that exist; links
    /// are read, files are never opened.</summary>
    private static string Resolve(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = new Queue<string>(fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries));
        var hops = 0;
        while (parts.Count > 0)
        {
            var part = parts.Dequeue();
            if (part == ".")
            {
                continue;
            }

            // '..' applies to where the links led so far, as the operating system resolves it.
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40)
                {
                    throw new InvalidModelException($"Unsafe model: external data path '{fullPath}' goes through too many symbolic links.");
                }

                // Re-walk the target (it may itself hold links), then the rest of the path.
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var remaining = parts.ToArray();
                var resolvedRoot = Path.GetPathRoot(resolved) ?? "/";
                parts = new Queue<string>(resolved[resolvedRoot.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(remaining));
                current = resolvedRoot;
                continue;
            }

            current = next;
        }

        return Path.GetFullPath(current);
    }
}
