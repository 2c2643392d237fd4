using System.Buffers.Binary;
using FlopScope.Graph;

namespace FlopScope.Onnx.Loading;

/// <summary>Decodes the payload of a small tensor (raw little-endian bytes) into a <see cref="TensorValue"/>.</summary>
internal static class TensorValueDecoder
{
    /// <summary>Integral tensors up to this many elements are read: shape, axes and index operands.</summary>
    public const long MaxIntegralElements = 4096;

    /// <summary>Floating tensors up to this many elements are read: scales and scalar factors in shape arithmetic.</summary>
    public const long MaxFloatingElements = 64;

    public static bool ShouldRead(DataType type, long elements) =>
        type.IsIntegral() ? elements <= MaxIntegralElements
        : type is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16 && elements <= MaxFloatingElements;

    public static TensorValue? FromRaw(DataType type, ReadOnlySpan<byte> raw, long elements)
    {
        var n = (int)elements;
        var size = type.BitsPerElement() / 8;
        if (size == 0 || raw.Length < n * size)
        {
            return null;
        }

        if (type.IsIntegral())
        {
            var ints = new long[n];
            for (var i = 0; i < n; i++)
            {
                var s = raw.Slice(i * size, size);
                ints[i] = type switch
                {
                    DataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s),
                    DataType.UInt64 => unchecked((long)BinaryPrimitives.ReadUInt64LittleEndian(s)),
                    DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
                    DataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
                    DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
                    DataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
                    DataType.Int8 => unchecked((sbyte)s[0]),
                    _ => s[0],
                };
            }

            return TensorValue.FromInts(ints);
        }

        var floats = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = raw.Slice(i * size, size);
            floats[i] = type switch
            {
                DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(s),
                DataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(s),
                DataType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(s),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(s) << 16),
            };
        }

        return TensorValue.FromFloats(floats);
    }

    /// <summary>Values stored in the typed fields (int32_data, int64_data, float_data, ...).</summary>
    public static TensorValue? FromTyped(DataType type, List<long> ints, List<float> floats, List<double> doubles, long elements)
    {
        if (type.IsIntegral() && ints.Count == elements)
        {
            return TensorValue.FromInts(ints.ToArray());
        }

        if (type == DataType.Float && floats.Count == elements)
        {
            return TensorValue.FromFloats(floats.Select(f => (double)f).ToArray());
        }

        if (type == DataType.Double && doubles.Count == elements)
        {
            return TensorValue.FromFloats(doubles.ToArray());
        }

        if (type is DataType.Float16 or DataType.BFloat16 && ints.Count == elements)
        {
            return TensorValue.FromFloats(ints.Select(bits => type == DataType.Float16
                ? (double)BitConverter.UInt16BitsToHalf((ushort)bits)
                : BitConverter.Int32BitsToSingle((int)bits << 16)).ToArray());
        }

        return null;
    }
}
