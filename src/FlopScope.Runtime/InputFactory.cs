using System.Buffers.Binary;
using System.Runtime.InteropServices;
using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Profiling;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FlopScope.Runtime;

/// <summary>
/// Makes the input tensors of a benchmark from the bound shapes and element types. Integer inputs that feed a Gather
/// whose data is an initializer (embedding ids) get random ids in [0, rows); other integer and boolean inputs are
/// ones when their name contains "mask", zeros otherwise; floating inputs are uniform random in [0, 1). A file given
/// for an input replaces the generated values: .npy (little-endian, C order), .pb (TensorProto with raw_data) or .raw
/// (the bytes of the bound shape and type).
/// </summary>
internal static class InputFactory
{
    public static List<(BenchInput Info, OrtValue Value)> Create(Graph.Graph graph, IReadOnlyList<BoundInput> inputs, BenchOptions options)
    {
        foreach (var name in options.InputFiles.Keys)
        {
            if (inputs.All(i => i.Name != name))
            {
                throw new FlopScopeException($"--input-file: the model has no input '{name}'; its inputs are: {string.Join(", ", inputs.Select(i => i.Name))}.");
            }
        }

        var random = new Random(options.Seed);
        var created = new List<(BenchInput, OrtValue)>();
        try
        {
            foreach (var input in inputs)
            {
                var shape = input.Shape.ToArray();
                var elements = shape.Aggregate(1L, (a, d) => checked(a * d));
                var width = ElementBytes(input);
                var bytes = new byte[checked(elements * width)];
                string source;
                if (options.InputFiles.TryGetValue(input.Name, out var path))
                {
                    var data = TensorFiles.Read(path, input, shape);
                    data.CopyTo(bytes, 0);
                    source = "file " + path;
                }
                else
                {
                    source = Fill(graph, input, bytes, random);
                }

                var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)(int)input.DataType, shape);
                bytes.CopyTo(value.GetTensorMutableRawData());
                created.Add((new BenchInput(input.Name, input.DataType.ShortName(), shape, source), value));
            }
        }
        catch
        {
            foreach (var (_, value) in created)
            {
                value.Dispose();
            }

            throw;
        }

        return created;
    }

    internal static int ElementBytes(BoundInput input) => input.DataType switch
    {
        DataType.Float or DataType.Int32 or DataType.UInt32 => 4,
        DataType.Double or DataType.Int64 or DataType.UInt64 => 8,
        DataType.Float16 or DataType.BFloat16 or DataType.Int16 or DataType.UInt16 => 2,
        DataType.Int8 or DataType.UInt8 or DataType.Bool => 1,
        _ => throw new FlopScopeException($"Input '{input.Name}' has element type {input.DataType}, which bench cannot generate; supported: float, double, float16, bfloat16, (u)int8-64, bool."),
    };

    /// <summary>Rows of the embedding table a Gather on this input reads, or null.</summary>
    internal static long? VocabularyOf(Graph.Graph graph, string input)
    {
        var rows = graph.Nodes
            .Where(n => n.OpType == "Gather" && n.Domain.Length == 0 && n.Inputs.Count > 1 && n.Inputs[1] == input)
            .Select(n => graph.Initializers.TryGetValue(n.Inputs[0], out var data) && data.Dims.Length > 0
                ? data.Dims[(int)Axis(n, data.Dims.Length)]
                : (long?)null)
            .Where(r => r is > 0)
            .ToList();
        return rows.Count > 0 ? rows.Min() : null;
    }

    private static long Axis(Node gather, int rank)
    {
        var axis = gather.Attributes.TryGetValue("axis", out var a) ? a.Int : 0;
        return Math.Clamp(axis < 0 ? axis + rank : axis, 0, rank - 1);
    }

    private static string Fill(Graph.Graph graph, BoundInput input, byte[] bytes, Random random)
    {
        var type = input.DataType;
        if (type.IsFloating())
        {
            var count = bytes.Length / ElementBytes(input);
            for (var i = 0; i < count; i++)
            {
                var v = random.NextSingle();
                switch (type)
                {
                    case DataType.Float:
                        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), v);
                        break;
                    case DataType.Double:
                        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), v);
                        break;
                    case DataType.Float16:
                        BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)v);
                        break;
                    default:
                        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16));
                        break;
                }
            }

            return "random [0, 1)";
        }

        var vocabulary = type == DataType.Bool ? null : VocabularyOf(graph, input.Name);
        var width = ElementBytes(input);
        if (vocabulary is { } rows)
        {
            for (var i = 0; i < bytes.Length / width; i++)
            {
                var id = random.NextInt64(rows);
                switch (width)
                {
                    case 8:
                        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), id);
                        break;
                    case 4:
                        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), (int)id);
                        break;
                    case 2:
                        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)id);
                        break;
                    default:
                        bytes[i] = (byte)id;
                        break;
                }
            }

            return $"random ids [0, {rows})";
        }

        if (input.Name.Contains("mask", StringComparison.OrdinalIgnoreCase))
        {
            for (var i = 0; i < bytes.Length; i += width)
            {
                bytes[i] = 1;
            }

            return "ones";
        }

        return "zeros";
    }
}

/// <summary>Reads tensor files given with <c>--input-file</c>.</summary>
internal static class TensorFiles
{
    public static byte[] Read(string path, BoundInput input, long[] shape)
    {
        if (!File.Exists(path))
        {
            throw new FlopScopeException($"--input-file {input.Name}: file not found: '{path}'.");
        }

        var bytes = Safety.BoundedFile.ReadAllBytes(path, Safety.Limits.Current.Npy, $"--input-file {input.Name}", "npy");
        try
        {
            return Decode(path, input, shape, bytes);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or FormatException or OverflowException
            or Google.Protobuf.InvalidProtocolBufferException or System.Text.DecoderFallbackException)
        {
            // Every malformed header or size lands here: one line naming the file, not an internal error.
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' is malformed ({e.Message.ReplaceLineEndings(" ")}).");
        }
    }

    private static byte[] Decode(string path, BoundInput input, long[] shape, byte[] bytes)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var (payload, fileShape) = extension switch
        {
            ".npy" => Npy(bytes, input, path),
            ".pb" => Pb(bytes, input, path),
            ".raw" or ".bin" => (bytes, (long[]?)null),
            _ => throw new FlopScopeException($"--input-file {input.Name}: '{path}' is not .npy, .pb or .raw."),
        };
        if (fileShape is not null && !fileShape.SequenceEqual(shape))
        {
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' has shape {string.Join("x", fileShape)}, the model is run at {string.Join("x", shape)} (set it with --input {input.Name}={string.Join("x", fileShape)}).");
        }

        var expected = checked(shape.Aggregate(1L, (a, d) => checked(a * d)) * InputFactory.ElementBytes(input));
        return payload.Length == expected
            ? payload
            : throw new FlopScopeException($"--input-file {input.Name}: '{path}' holds {payload.Length} bytes of data, {string.Join("x", shape)} {input.DataType.ShortName()} needs {expected}.");
    }

    private static (byte[], long[]?) Npy(byte[] bytes, BoundInput input, string path)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || bytes[1] != (byte)'N')
        {
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' is not a .npy file.");
        }

        var major = bytes[6];
        var headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (long)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var start = major == 1 ? 10 : 12;
        if (major is < 1 or > 3 || start + headerLength > bytes.Length)
        {
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' has a malformed .npy header (version {major}, header of {headerLength} bytes in a {bytes.Length}-byte file).");
        }

        var header = System.Text.Encoding.ASCII.GetString(bytes, start, (int)headerLength);
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' is in Fortran order; save it C-ordered (np.ascontiguousarray).");
        }

        var descr = Between(header, "'descr':", ",").Trim().Trim('\'');
        string? expected = input.DataType switch
        {
            DataType.Float => "f4", DataType.Double => "f8", DataType.Float16 => "f2", DataType.Int64 => "i8", DataType.Int32 => "i4",
            DataType.Int16 => "i2", DataType.Int8 => "i1", DataType.UInt8 => "u1", DataType.UInt16 => "u2", DataType.UInt32 => "u4",
            DataType.UInt64 => "u8", DataType.Bool => "b1", _ => null,
        };
        if (expected is null || descr.TrimStart('<', '|', '=') != expected || descr.StartsWith('>'))
        {
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' holds dtype {descr}, the input is {input.DataType.ShortName()} (little-endian {expected ?? "?"} expected).");
        }

        var shapeText = Between(header, "'shape':", ")").Trim().TrimStart('(');
        var shape = shapeText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return (bytes[(int)(start + headerLength)..], shape);
    }

    private static string Between(string text, string after, string until)
    {
        var a = text.IndexOf(after, StringComparison.Ordinal);
        if (a < 0)
        {
            return string.Empty;
        }

        a += after.Length;
        var b = text.IndexOf(until, a, StringComparison.Ordinal);
        return b < 0 ? text[a..] : text[a..b];
    }

    private static (byte[], long[]?) Pb(byte[] bytes, BoundInput input, string path)
    {
        // TensorProto: dims = 1 (int64, packed or not), data_type = 2, raw_data = 9.
        var stream = new Google.Protobuf.CodedInputStream(bytes);
        var dims = new List<long>();
        byte[]? raw = null;
        var type = 0;
        uint tag;
        while ((tag = stream.ReadTag()) != 0)
        {
            var field = Google.Protobuf.WireFormat.GetTagFieldNumber(tag);
            var wire = Google.Protobuf.WireFormat.GetTagWireType(tag);
            if (field == 1 && wire == Google.Protobuf.WireFormat.WireType.Varint)
            {
                dims.Add(stream.ReadInt64());
            }
            else if (field == 1 && wire == Google.Protobuf.WireFormat.WireType.LengthDelimited)
            {
                var packed = new Google.Protobuf.CodedInputStream(stream.ReadBytes().ToByteArray());
                while (!packed.IsAtEnd)
                {
                    dims.Add(packed.ReadInt64());
                }
            }
            else if (field == 2 && wire == Google.Protobuf.WireFormat.WireType.Varint)
            {
                type = stream.ReadInt32();
            }
            else if (field == 9 && wire == Google.Protobuf.WireFormat.WireType.LengthDelimited)
            {
                raw = stream.ReadBytes().ToByteArray();
            }
            else
            {
                stream.SkipLastField();
            }
        }

        if (type != (int)input.DataType)
        {
            throw new FlopScopeException($"--input-file {input.Name}: '{path}' holds {((DataType)type).ShortName()}, the input is {input.DataType.ShortName()}.");
        }

        return raw is null
            ? throw new FlopScopeException($"--input-file {input.Name}: '{path}' stores its values in typed fields, not raw_data; only raw_data TensorProtos are read (or use .npy).")
            : (raw, dims.ToArray());
    }
}
