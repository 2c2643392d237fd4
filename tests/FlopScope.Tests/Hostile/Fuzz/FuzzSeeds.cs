using System.IO.Compression;

namespace FlopScope.Fuzzing;

/// <summary>Seeds for byte-level fuzzing: every fixture model (inflated) and hostile reproducer under a folder.</summary>
public static class FuzzSeeds
{
    /// <summary>Files under <paramref name="fixtures"/> (models/, hostile/, fuzz/) up to 1 MB once inflated.</summary>
    public static List<byte[]> Load(string fixtures)
    {
        var seeds = new List<byte[]>();
        foreach (var folder in new[] { "models", "hostile", "fuzz" })
        {
            var path = Path.Combine(fixtures, folder);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path).Where(f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.EndsWith(".onnx.gz", StringComparison.Ordinal) || f.EndsWith(".bin", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var bytes = File.ReadAllBytes(file);
                if (bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
                {
                    try
                    {
                        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                        using var inflated = new MemoryStream();
                        gzip.CopyTo(inflated);
                        bytes = inflated.ToArray();
                    }
                    catch (InvalidDataException)
                    {
                        // A corrupt .gz reproducer is a seed as it is.
                    }
                }

                if (bytes.Length <= 1 << 20)
                {
                    seeds.Add(bytes);
                }
            }
        }

        return seeds;
    }
}
