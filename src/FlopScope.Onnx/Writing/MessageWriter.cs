using Google.Protobuf;

namespace FlopScope.Onnx.Writing;

/// <summary>Writes one protobuf message with Google.Protobuf's <see cref="CodedOutputStream"/>; nested messages are
/// built in their own writer and embedded with their length.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Only a MemoryStream and a coded stream over it: nothing unmanaged to release.")]
internal sealed class MessageWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly CodedOutputStream _output;

    public MessageWriter() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

    public MessageWriter Int(int field, long value)
    {
        _output.WriteTag(field, WireFormat.WireType.Varint);
        _output.WriteInt64(value);
        return this;
    }

    public MessageWriter Float(int field, float value)
    {
        _output.WriteTag(field, WireFormat.WireType.Fixed32);
        _output.WriteFloat(value);
        return this;
    }

    public MessageWriter String(int field, string value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteString(value);
        return this;
    }

    public MessageWriter Bytes(int field, ReadOnlyMemory<byte> value)
    {
        _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        _output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
        return this;
    }

    public MessageWriter PackedInts(int field, IEnumerable<long> values)
    {
        var packed = new MessageWriter();
        foreach (var v in values)
        {
            packed._output.WriteInt64(v);
        }

        return Bytes(field, packed.ToArray());
    }

    public MessageWriter PackedFloats(int field, IEnumerable<float> values)
    {
        var packed = new MessageWriter();
        foreach (var v in values)
        {
            packed._output.WriteFloat(v);
        }

        return Bytes(field, packed.ToArray());
    }

    public MessageWriter Message(int field, Action<MessageWriter> build)
    {
        var child = new MessageWriter();
        build(child);
        return Bytes(field, child.ToArray());
    }

    public byte[] ToArray()
    {
        _output.Flush();
        return _buffer.ToArray();
    }
}
