using System.Buffers.Binary;
using System.Text;
using FlopScope.Errors;

namespace FlopScope.Onnx.Protobuf;

/// <summary>
/// A forward-only protobuf wire reader over a span. Length-delimited fields are returned as sub-spans without copying,
/// so a tensor payload that is skipped is never read: over a memory-mapped file its pages are never touched.
/// Every read is bounds-checked; malformed input throws <see cref="InvalidModelException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private const ulong MaxFieldNumber = (1 << 29) - 1;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>Reads the next field key; false at the end of the message.</summary>
    public bool TryReadTag(out int field, out WireType wireType)
    {
        if (AtEnd)
        {
            field = 0;
            wireType = WireType.Varint;
            return false;
        }

        var key = ReadVarint();
        // Field numbers stop at 2^29 - 1; a larger key (a 6-byte tag) is not protobuf, not an overflow to crash on.
        if (key >> 3 > MaxFieldNumber)
        {
            throw Malformed($"field number {key >> 3} above protobuf's maximum");
        }

        field = (int)(key >> 3);
        wireType = (WireType)(key & 7);
        if (field <= 0 || wireType is WireType.StartGroup or WireType.EndGroup || (int)wireType > 5)
        {
            throw Malformed($"invalid field key {key}");
        }

        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Malformed("truncated varint");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw Malformed("varint longer than 10 bytes");
    }

    public long ReadInt64() => unchecked((long)ReadVarint());

    public int ReadInt32() => unchecked((int)ReadVarint());

    public float ReadFloat() => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(Take(4)));

    public double ReadDouble() => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8)));

    /// <summary>A length-delimited field's bytes, as a slice of the input (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Malformed($"field of {length} bytes runs past the end of the data");
        }

        return Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Skips the value of a field of the given wire type without reading a length-delimited payload.</summary>
    public void Skip(WireType wireType)
    {
        switch (wireType)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            case WireType.LengthDelimited:
                ReadBytes();
                break;
            default:
                throw Malformed($"unsupported wire type {wireType}");
        }
    }

    /// <summary>Reads a repeated int64 field in either packed or unpacked encoding, appending to <paramref name="target"/>.</summary>
    public void ReadInt64s(WireType wireType, List<long> target)
    {
        if (wireType == WireType.LengthDelimited)
        {
            var packed = new ProtoReader(ReadBytes());
            while (!packed.AtEnd)
            {
                target.Add(packed.ReadInt64());
            }
        }
        else
        {
            target.Add(ReadInt64());
        }
    }

    /// <summary>Reads a repeated float field in either encoding.</summary>
    public void ReadFloats(WireType wireType, List<float> target)
    {
        if (wireType == WireType.LengthDelimited)
        {
            var packed = ReadBytes();
            for (var i = 0; i + 4 <= packed.Length; i += 4)
            {
                target.Add(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(packed[i..])));
            }
        }
        else
        {
            target.Add(ReadFloat());
        }
    }

    /// <summary>Reads a repeated double field in either encoding.</summary>
    public void ReadDoubles(WireType wireType, List<double> target)
    {
        if (wireType == WireType.LengthDelimited)
        {
            var packed = ReadBytes();
            for (var i = 0; i + 8 <= packed.Length; i += 8)
            {
                target.Add(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(packed[i..])));
            }
        }
        else
        {
            target.Add(ReadDouble());
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw Malformed("truncated data");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static InvalidModelException Malformed(string detail) =>
        new($"Not a valid ONNX model (truncated or not protobuf: {detail}).");
}
