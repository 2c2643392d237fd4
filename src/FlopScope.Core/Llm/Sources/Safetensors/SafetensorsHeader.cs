using System.Buffers.Binary;
using System.Text.Json;
using FlopScope.Errors;
using FlopScope.Safety;

namespace FlopScope.Llm.Sources.Safetensors;

/// <summary>
/// Reads safetensors headers only: the 8-byte little-endian header length, then that many bytes of JSON naming every
/// tensor's dtype, shape and byte range. Weights are never read. A folder's <c>model.safetensors.index.json</c> names
/// its shards; every shard's header is read. Lengths, shapes and byte ranges are checked against each other and the
/// file size.
/// </summary>
public static class SafetensorsHeader
{
    /// <summary>Largest header accepted (the format's own limit is 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Most shard files an index may name.</summary>
    public const int MaxShards = 4096;

    private static readonly Dictionary<string, int> DtypeBits = new(StringComparer.Ordinal)
    {
        ["F64"] = 64, ["F32"] = 32, ["F16"] = 16, ["BF16"] = 16, ["I64"] = 64, ["I32"] = 32, ["I16"] = 16, ["I8"] = 8,
        ["U64"] = 64, ["U32"] = 32, ["U16"] = 16, ["U8"] = 8, ["BOOL"] = 8, ["F8_E4M3"] = 8, ["F8_E5M2"] = 8, ["F8_E8M0"] = 8,
        ["F4"] = 4, ["F6_E2M3"] = 6, ["F6_E3M2"] = 6,
    };

    /// <summary>The safetensors files of folder <paramref name="folder"/>: the shards its index names, else every
    /// <c>*.safetensors</c> file; empty when it has none.</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        var index = Path.Combine(folder, "model.safetensors.index.json");
        if (!File.Exists(index))
        {
            return Directory.Exists(folder) ? Directory.GetFiles(folder, "*.safetensors").Order(StringComparer.Ordinal).ToList() : [];
        }

        if (new FileInfo(index).Length > MaxHeaderBytes)
        {
            throw new FlopScopeException($"{index}: larger than {MaxHeaderBytes} bytes.");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(index));
            if (!document.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new FlopScopeException($"{index}: no 'weight_map' object.");
            }

            var shards = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                var file = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : throw new FlopScopeException($"{index}: weight_map['{SafeText.Clean(entry.Name)}'] is not a file name.");
                // Shards are plain names beside the index: no paths out of the folder.
                if (file.Length == 0 || file != Path.GetFileName(file) || file is "." or "..")
                {
                    throw new FlopScopeException($"{index}: shard '{SafeText.Clean(file)}' is not a file name in the model folder.");
                }

                shards.Add(file);
                if (shards.Count > MaxShards)
                {
                    throw new FlopScopeException($"{index}: more than {MaxShards} shards.");
                }
            }

            return shards.Select(s => Path.Combine(folder, s)).ToList();
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"{index}: not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>The tensors of one safetensors file.</summary>
    public static IReadOnlyList<SafetensorsTensor> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var length = stream.Length;
        Span<byte> prefix = stackalloc byte[8];
        if (length < 8 || stream.Read(prefix) != 8)
        {
            throw new FlopScopeException($"{path}: too short for a safetensors header.");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(length - 8))
        {
            throw new FlopScopeException($"{path}: header length {headerLength} is over {MaxHeaderBytes} bytes or past the end of the file ({length} bytes).");
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataLength = length - 8 - (long)headerLength;
        try
        {
            using var document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FlopScopeException($"{path}: header is not a JSON object.");
            }

            var tensors = new List<SafetensorsTensor>();
            foreach (var entry in document.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    continue;
                }

                tensors.Add(Tensor(entry, path, dataLength) with { Name = SafeText.Clean(entry.Name) });
            }

            return tensors;
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"{path}: header is not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
        catch (InvalidOperationException e)
        {
            throw new FlopScopeException($"{path}: malformed header: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static SafetensorsTensor Tensor(JsonProperty entry, string path, long dataLength)
    {
        var v = entry.Value;
        string Where() => $"{SafeText.Clean(path)}: tensor '{SafeText.Clean(entry.Name)}'";
        if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new FlopScopeException($"{Where()} lacks dtype, shape or data_offsets.");
        }

        var dtype = dtypeElement.GetString()!;
        if (!DtypeBits.TryGetValue(dtype, out var bits))
        {
            throw new FlopScopeException($"{Where()} has unknown dtype '{SafeText.Clean(dtype)}'.");
        }

        if (shapeElement.GetArrayLength() > 16)
        {
            throw new FlopScopeException($"{Where()} has more than 16 dimensions.");
        }

        try
        {
            var shape = shapeElement.EnumerateArray().Select(d => d.TryGetInt64(out var x) && x >= 0 ? x : throw new FlopScopeException($"{Where()} has a dimension that is not a non-negative integer.")).ToList();
            var elements = shape.Aggregate(1L, (p, d) => checked(p * d));
            var bytes = checked(((elements * bits) + 7) / 8);
            var begin = offsets[0].TryGetInt64(out var b) ? b : -1;
            var end = offsets[1].TryGetInt64(out var e) ? e : -1;
            if (begin < 0 || end < begin || end > dataLength || end - begin != bytes)
            {
                throw new FlopScopeException($"{Where()}: data_offsets [{begin}, {end}] do not hold {bytes} bytes inside the {dataLength}-byte data section.");
            }

            return new SafetensorsTensor(entry.Name, dtype, shape, elements, bytes);
        }
        catch (OverflowException)
        {
            throw new FlopScopeException($"{Where()} has a shape whose size overflows 64 bits.");
        }
    }
}
