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
    /// <summary>The largest protobuf message (2 GiB), the cap of every model read.</summary>
    internal const long MaxProtobufBytes = int.MaxValue;

    public static unsafe Model Read(string path, bool findIdenticalTensors = true)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException(Directory.Exists(path) ? $"'{path}' is a folder, not an ONNX file." : $"File not found: '{path}'.");
        }

        var fullPath = Path.GetFullPath(path);
        var parser = new OnnxProtoParser(Path.GetDirectoryName(fullPath)) { FindIdenticalTensors = findIdenticalTensors };
        var name = ModelName(fullPath);
        if (!IsRegularFile(fullPath))
        {
            // A pipe or device (/dev/stdin, a FIFO) can be read only once and has no length: read it whole, capped.
            var bytes = ReadStream(fullPath, path);
            return bytes.Length == 0
                ? throw new InvalidModelException($"Not an ONNX model: '{path}' is empty.")
                : Read(bytes, name, Path.GetDirectoryName(fullPath), findIdenticalTensors);
        }

        var length = new FileInfo(fullPath).Length;
        if (length == 0)
        {
            throw new InvalidModelException($"Not an ONNX model: '{path}' is empty.");
        }

        if (IsGzip(fullPath))
        {
            // Inflated into this thread's reusable buffer: the bytes are only needed while parsing, and a fresh
            // allocation of hundreds of MB per model costs more in page faults and copies than inflating does.
            using var inflated = GzipInflater.InflateReusing(fullPath, length);
            return parser.ParseModel(inflated.Span, name);
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

    public static Model Read(byte[] bytes, string name, string? directory = null, bool findIdenticalTensors = true) =>
        new OnnxProtoParser(directory) { FindIdenticalTensors = findIdenticalTensors }.ParseModel(bytes.Length > 2 && bytes[0] == 0x1F && bytes[1] == 0x8B ? GzipInflater.InflateBytes(bytes).Span : bytes, name);

    /// <summary>The inflated bytes of a gzip file (by magic bytes, whatever its name), exactly sized; null when the file
    /// is not gzip.</summary>
    public static byte[]? InflateIfGzip(string path)
    {
        if (!IsGzip(path))
        {
            return null;
        }

        var memory = GzipInflater.Inflate(path, new FileInfo(path).Length);
        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
    }

    private static bool IsRegularFile(string fullPath)
    {
        var info = new FileInfo(fullPath);
        return info.LinkTarget is null ? (info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) == 0 && UnixRegular(info)
            : info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target && target.Exists && UnixRegular(target);
    }

    // Linux reports pipes and character devices as plain files with no attributes; a seekable stream tells them apart.
    private static bool UnixRegular(FileInfo info)
    {
        try
        {
            using var stream = new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            if (stream.CanSeek && info.Length == 0 && !info.Name.Equals("stdin", StringComparison.Ordinal))
            {
                // A seekable file of length 0 is either empty or a device such as /dev/zero: neither is a model.
                throw new InvalidModelException(info.FullName.StartsWith("/dev/", StringComparison.Ordinal)
                    ? $"Not an ONNX model: '{info.FullName}' is a device, not a model file."
                    : $"Not an ONNX model: '{info.FullName}' is empty.");
            }

            return stream.CanSeek;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static byte[] ReadStream(string fullPath, string path)
    {
        var limit = Math.Min(Limits.Current.Decompressed, MaxProtobufBytes);
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var output = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > limit)
            {
                throw Limits.Exceeded("decompressed", $"Not a usable ONNX model: '{path}' gives more than {limit:N0} bytes");
            }

            // A model starts with a protobuf key or the gzip magic; a 0 byte is neither (e.g. a stream of zeros).
            if (output.Length == 0 && buffer[0] == 0)
            {
                throw new InvalidModelException($"Not an ONNX model: '{path}' does not start like protobuf or gzip.");
            }

            output.Write(buffer, 0, read);
        }

        return output.ToArray();
    }

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

}
