using System.Text;
using FlopScope.Errors;
using FlopScope.Llm.Quantization;
using FlopScope.Safety;

namespace FlopScope.Llm.Sources.Gguf;

/// <summary>
/// The header of a GGUF file (llama.cpp, format versions 2 and 3): metadata and the tensor table, read without
/// touching tensor data. Every count and length in the file is checked against the bytes that remain before it is
/// used, and arithmetic on dimensions is checked, so a truncated or hostile file fails with one line.
/// </summary>
public sealed class GgufFile
{
    /// <summary>Most metadata entries or tensors accepted.</summary>
    public const long MaxEntries = 1 << 20;

    /// <summary>Longest metadata string kept (longer ones, such as chat templates, are skipped).</summary>
    private const long MaxKeptString = 4096;

    /// <summary>Longest key.</summary>
    private const long MaxKey = 65536;

    /// <summary>Largest integer array whose values are kept (per-layer hyperparameters).</summary>
    private const long MaxKeptArray = 4096;

    private GgufFile(int version, IReadOnlyDictionary<string, object> metadata, IReadOnlyDictionary<string, long> arrayLengths, IReadOnlyList<GgufTensorInfo> tensors, long dataOffset)
    {
        Version = version;
        Metadata = metadata;
        ArrayLengths = arrayLengths;
        Tensors = tensors;
        DataOffset = dataOffset;
    }

    /// <summary>Format version.</summary>
    public int Version { get; }

    /// <summary>Scalar metadata (numbers as long or double, bools, strings up to 4 KiB) and small integer arrays (long[]).</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; }

    /// <summary>Element count of every array entry (e.g. <c>tokenizer.ggml.tokens</c>).</summary>
    public IReadOnlyDictionary<string, long> ArrayLengths { get; }

    /// <summary>The tensor table.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Offset of the data section.</summary>
    public long DataOffset { get; }

    /// <summary>Reads the header of <paramref name="path"/>.</summary>
    public static GgufFile Read(string path)
    {
        path = SafeText.Clean(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Read(stream, path);
        }
        catch (EndOfStreamException)
        {
            throw new FlopScopeException($"{path}: GGUF header is truncated.");
        }
        catch (OverflowException)
        {
            throw new FlopScopeException($"{path}: GGUF header has sizes that overflow 64-bit arithmetic.");
        }
    }

    private static GgufFile Read(FileStream stream, string path)
    {
        var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        var length = stream.Length;
        if (length < 24 || r.ReadUInt32() != 0x46554747)
        {
            throw new FlopScopeException($"{path}: not a GGUF file (no 'GGUF' magic).");
        }

        var version = r.ReadUInt32();
        if (version is not (2 or 3))
        {
            throw new FlopScopeException($"{path}: GGUF version {version} is not supported (2 and 3 are).");
        }

        var tensorCount = Count(r.ReadUInt64(), "tensor count", path);
        var kvCount = Count(r.ReadUInt64(), "metadata count", path);
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        var arrays = new Dictionary<string, long>(StringComparer.Ordinal);
        for (long i = 0; i < kvCount; i++)
        {
            var key = SafeText.Clean(String(r, stream, MaxKey, path, "key")) is { Length: > 0 } k ? k : throw new FlopScopeException($"{path}: metadata key {i} is longer than {MaxKey} bytes.");
            var type = r.ReadUInt32();
            if (type == 9)
            {
                var elementType = r.ReadUInt32();
                var count = r.ReadUInt64();
                Remaining(stream, count, path, key);
                arrays[key] = (long)count;
                var values = ReadArray(r, stream, elementType, (long)count, path, key);
                if (values is not null)
                {
                    metadata[key] = values;
                }
            }
            else if (Scalar(r, stream, type, path, key) is { } value)
            {
                metadata[key] = value;
            }
        }

        var tensors = new List<GgufTensorInfo>((int)Math.Min(tensorCount, 65536));
        for (long i = 0; i < tensorCount; i++)
        {
            var name = SafeText.Clean(String(r, stream, MaxKey, path, "tensor name")) is { Length: > 0 } n ? n : throw new FlopScopeException($"{path}: tensor {i} name is longer than {MaxKey} bytes.");
            var rank = r.ReadUInt32();
            if (rank is 0 or > 8)
            {
                throw new FlopScopeException($"{path}: tensor '{name}' has {rank} dimensions (1 to 8 allowed).");
            }

            var dims = new long[rank];
            long elements = 1;
            for (var d = 0; d < rank; d++)
            {
                var dim = r.ReadUInt64();
                if (dim > long.MaxValue)
                {
                    throw new FlopScopeException($"{path}: tensor '{name}' dimension {d} is {dim}.");
                }

                dims[d] = (long)dim;
                elements = checked(elements * dims[d]);
            }

            var format = GgmlTypes.FromId(r.ReadUInt32(), $"{path}: tensor '{name}'");
            var offset = r.ReadUInt64();
            if (dims[0] % format.BlockElements != 0)
            {
                throw new FlopScopeException($"{path}: tensor '{name}' rows of {dims[0]} are not whole {format.Name} blocks of {format.BlockElements}.");
            }

            tensors.Add(new GgufTensorInfo(name, dims, format, offset > long.MaxValue ? throw new FlopScopeException($"{path}: tensor '{name}' offset {offset} is out of range.") : (long)offset, elements, format.Bytes(elements)));
        }

        var alignment = metadata.TryGetValue("general.alignment", out var a) && a is long al ? al : 32;
        if (alignment is < 1 or > 1 << 20 || (alignment & (alignment - 1)) != 0)
        {
            throw new FlopScopeException($"{path}: general.alignment {alignment} is not a power of two up to 1 MiB.");
        }

        var dataOffset = checked((stream.Position + alignment - 1) / alignment * alignment);
        foreach (var t in tensors)
        {
            if (checked(dataOffset + t.Offset + t.Bytes) > length)
            {
                throw new FlopScopeException($"{path}: tensor '{t.Name}' ({t.Bytes} bytes at {t.Offset}) extends past the end of the file ({length} bytes): truncated download?");
            }
        }

        return new GgufFile((int)version, metadata, arrays, tensors, dataOffset);
    }

    private static long Count(ulong value, string what, string path) =>
        value > MaxEntries ? throw new FlopScopeException($"{path}: GGUF {what} {value} is over the limit of {MaxEntries}.") : (long)value;

    private static void Remaining(Stream stream, ulong needed, string path, string what)
    {
        if (needed > (ulong)(stream.Length - stream.Position))
        {
            throw new FlopScopeException($"{path}: {what} declares {needed} entries or bytes but only {stream.Length - stream.Position} bytes remain.");
        }
    }

    /// <summary>A length-prefixed string, or null (skipped) when longer than <paramref name="keep"/>.</summary>
    private static string? String(BinaryReader r, Stream stream, long keep, string path, string what)
    {
        var length = r.ReadUInt64();
        Remaining(stream, length, path, what);
        if ((long)length > keep)
        {
            stream.Seek((long)length, SeekOrigin.Current);
            return null;
        }

        return Encoding.UTF8.GetString(r.ReadBytes((int)length));
    }

    private static object? Scalar(BinaryReader r, Stream stream, uint type, string path, string key) => type switch
    {
        0 => (long)r.ReadByte(),
        1 => (long)r.ReadSByte(),
        2 => (long)r.ReadUInt16(),
        3 => (long)r.ReadInt16(),
        4 => (long)r.ReadUInt32(),
        5 => (long)r.ReadInt32(),
        6 => (double)r.ReadSingle(),
        7 => r.ReadByte() != 0,
        8 => String(r, stream, MaxKeptString, path, key) is { } text ? SafeText.Clean(text) : null,
        10 => r.ReadUInt64() is var u && u <= long.MaxValue ? (long)u : double.PositiveInfinity,
        11 => r.ReadInt64(),
        12 => r.ReadDouble(),
        _ => throw new FlopScopeException($"{path}: metadata '{key}' has unknown value type {type}."),
    };

    private static long[]? ReadArray(BinaryReader r, Stream stream, uint elementType, long count, string path, string key)
    {
        int size = elementType switch
        {
            0 or 1 or 7 => 1,
            2 or 3 => 2,
            4 or 5 or 6 => 4,
            10 or 11 or 12 => 8,
            8 => 0,
            _ => throw new FlopScopeException($"{path}: metadata array '{key}' has unknown element type {elementType}."),
        };
        if (size == 0)
        {
            for (long i = 0; i < count; i++)
            {
                String(r, stream, 0, path, key);
            }

            return null;
        }

        var bytes = checked(count * size);
        Remaining(stream, (ulong)bytes, path, key);
        if (count > MaxKeptArray || elementType is 6 or 12 or 7)
        {
            stream.Seek(bytes, SeekOrigin.Current);
            return null;
        }

        var values = new long[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (long)Scalar(r, stream, elementType, path, key)!;
        }

        return values;
    }
}
