using System.Text;
using FlopScope.Errors;

namespace FlopScope.Safety;

/// <summary>
/// Reads side files (JSON, .npy) with a size cap checked while reading, so <c>/dev/zero</c>, a FIFO or a huge file
/// fails with one line instead of exhausting memory, and a folder or missing file reads as a clear error.
/// </summary>
public static class BoundedFile
{
    /// <summary>Reads at most <paramref name="maxBytes"/> bytes of <paramref name="path"/>; more is an error naming
    /// <paramref name="what"/> (e.g. "--devices file") and limit <paramref name="limitName"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what, string limitName)
    {
        if (Directory.Exists(path))
        {
            throw new FlopScopeException($"{what} '{path}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new FlopScopeException($"{what} '{path}' not found.");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw Limits.Exceeded(limitName, $"{what} '{path}' is larger than {maxBytes:N0} bytes");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

    /// <summary>Reads <paramref name="path"/> as UTF-8 text with a size cap (see <see cref="ReadAllBytes"/>).</summary>
    public static string ReadAllText(string path, long maxBytes, string what, string limitName)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(ReadAllBytes(path, maxBytes, what, limitName)).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new FlopScopeException($"{what} '{path}' is not UTF-8 text.");
        }
    }

    /// <summary>Reads a JSON side file under <see cref="Limits.Json"/> of <see cref="Limits.Current"/>.</summary>
    public static string ReadJson(string path, string what) => ReadAllText(path, Limits.Current.Json, what, "json");
}
