using System.IO.Compression;
using System.IO.MemoryMappedFiles;
using FlopScope.Errors;
using FlopScope.Graph;

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
        return InflateStream(stream, SizeHint(stream, length));
    }

    private static ReadOnlyMemory<byte> InflateBytes(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return InflateStream(stream, SizeHint(stream, bytes.Length));
    }

    /// <summary>The inflated size from the gzip trailer (ISIZE: size mod 2^32 of the last member), used only to size
    /// the output buffer once; bounded by deflate's maximum ratio so a corrupt trailer cannot force a huge allocation.</summary>
    private static int SizeHint(Stream stream, long length)
    {
        if (length < 18)
        {
            return 0;
        }

        Span<byte> trailer = stackalloc byte[4];
        stream.Position = length - 4;
        stream.ReadExactly(trailer);
        stream.Position = 0;
        var size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        return (int)Math.Min(size, Math.Min(length * 1032, MaxProtobufBytes - 64));
    }

    // Inflates into a buffer sized from the trailer and parses it in place: no doubling growth and no final copy
    // (a 346 MB model used to peak at over 1.2 GB resident).
    private static ReadOnlyMemory<byte> InflateStream(Stream stream, int sizeHint)
    {
        try
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            var output = new MemoryStream(sizeHint);
            gzip.CopyTo(output);
            return output.Length > MaxProtobufBytes
                ? throw new InvalidModelException("Not a valid ONNX model: the decompressed file exceeds protobuf's 2 GiB limit.")
                : output.GetBuffer().AsMemory(0, (int)output.Length);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidModelException("Not a valid ONNX model: the gzip data is corrupt or truncated.", e);
        }
    }
}
