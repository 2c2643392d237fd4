using System.IO.Compression;
using System.IO.MemoryMappedFiles;
using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Safety;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// Opens a model file: plain <c>.onnx</c> files are memory-mapped and parsed in place, so weight payloads that the
/// parser skips are never paged in; gzip files (<c>.onnx.gz</c>, detected by their magic bytes) are inflated in memory.
/// </summary>
internal static class ModelFile
{
    private const long MaxProtobufBytes = int.MaxValue;

    public static unsafe Model Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(Directory.Exists(path) ? $"'{path}' is a folder, not an ONNX file." : $"File not found: '{path}'.");
        }

        var fullPath = Path.GetFullPath(path);
        var parser = new OnnxProtoParser(Path.GetDirectoryName(fullPath));
        var name = ModelName(fullPath);
        var length = new FileInfo(fullPath).Length;
        if (length == 0)
        {
            throw new InvalidModelException($"Not an ONNX model: '{path}' is empty.");
        }

        if (IsGzip(fullPath))
        {
            return parser.ParseModel(Inflate(fullPath, length).Span, name);
        }

        if (length > MaxProtobufBytes)
        {
            throw new InvalidModelException($"Not a valid ONNX model: '{path}' is {length:N0} bytes, above protobuf's 2 GiB limit (large models keep weights in external data files).");
        }

        using var mapped = MemoryMappedFile.CreateFromFile(fullPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = mapped.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            var span = new ReadOnlySpan<byte>(pointer + view.PointerOffset, (int)length);
            return parser.ParseModel(span, name);
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    public static Model Read(byte[] bytes, string name, string? directory = null) =>
        new OnnxProtoParser(directory).ParseModel(bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B ? InflateBytes(bytes).Span : bytes, name);

    private static string ModelName(string path)
    {
        var file = Path.GetFileName(path);
        foreach (var suffix in new[] { ".onnx.gz", ".gz", ".onnx" })
        {
            if (file.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return file[..^suffix.Length];
            }
        }

        return file;
    }

    private static bool IsGzip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.Read(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static ReadOnlyMemory<byte> Inflate(string path, long length)
    {
        using var stream = File.OpenRead(path);
        return InflateStream(stream, length);
    }

    private static ReadOnlyMemory<byte> InflateBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return InflateStream(stream, bytes.Length);
    }

    /// <summary>The gzip trailer's ISIZE (inflated size mod 2^32 of the last member). Used only to check the result,
    /// never to size a buffer: a forged trailer must not make us allocate gigabytes.</summary>
    private static uint? TrailerSize(Stream stream, long length)
    {
        if (length < 18)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[4];
        stream.Position = length - 4;
        stream.ReadExactly(trailer);
        stream.Position = 0;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    // Inflates in chunks into a buffer that grows with what is actually produced, stopping at the decompressed-size
    // limit (default: protobuf's 2 GiB), so neither a bomb nor a lying trailer can take more than the limit.
    private static ReadOnlyMemory<byte> InflateStream(Stream stream, long compressedLength)
    {
        var limit = Math.Min(Limits.Current.Decompressed, MaxProtobufBytes);
        var expected = TrailerSize(stream, compressedLength);
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            // Start from the compressed size x 4 (typical for weights) but never more than 64 MiB before bytes arrive.
            var buffer = new byte[(int)Math.Clamp(compressedLength * 4, 4096, 64L << 20)];
            var used = 0;
            while (true)
            {
                if (used == buffer.Length)
                {
                    if (used >= limit)
                    {
                        // One more byte means the model is over the limit.
                        if (gzip.ReadByte() < 0)
                        {
                            break;
                        }

                        throw Limits.Exceeded("decompressed", $"Not a usable ONNX model: it inflates to more than {limit:N0} bytes");
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit));
                }

                var read = gzip.Read(buffer, used, buffer.Length - used);
                if (read == 0)
                {
                    break;
                }

                used += read;
            }

            if (expected is { } size && size != (uint)used)
            {
                throw new InvalidModelException($"Not a valid ONNX model: the gzip file is truncated or corrupt (it inflates to {used:N0} bytes, its trailer says {size:N0}).");
            }

            return buffer.AsMemory(0, used);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidModelException("Not a valid ONNX model: the gzip data is corrupt or truncated.", e);
        }
    }
}
