using System.Text;

namespace FlopScope.Tests.Llm.Sources.Gguf;

/// <summary>Writes GGUF v3 files as llama.cpp lays them out (header, metadata, tensor table, data aligned to 32), for
/// the reader's tests: tensor data is zero-filled.</summary>
internal sealed class GgufTestWriter
{
    private readonly List<(string Key, Action<BinaryWriter> Value)> _metadata = [];
    private readonly List<(string Name, long[] Dims, int Type, long Bytes)> _tensors = [];

    public GgufTestWriter Uint32(string key, uint value) => Add(key, w => { w.Write(4u); w.Write(value); });

    public GgufTestWriter String(string key, string value) => Add(key, w => { w.Write(8u); Str(w, value); });

    public GgufTestWriter Float32(string key, float value) => Add(key, w => { w.Write(6u); w.Write(value); });

    /// <summary>A string array (e.g. a vocabulary), which the reader must skip without keeping.</summary>
    public GgufTestWriter Strings(string key, IEnumerable<string> values) => Add(key, w =>
    {
        var list = values.ToList();
        w.Write(9u);
        w.Write(8u);
        w.Write((ulong)list.Count);
        list.ForEach(v => Str(w, v));
    });

    /// <summary>A tensor with dims innermost first, ggml type id and its stored byte size.</summary>
    public GgufTestWriter Tensor(string name, int type, long bytes, params long[] dims)
    {
        _tensors.Add((name, dims, type, bytes));
        return this;
    }

    public byte[] ToArray()
    {
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            Str(w, key);
            value(w);
        }

        long offset = 0;
        var offsets = new List<long>();
        foreach (var (name, dims, type, bytes) in _tensors)
        {
            Str(w, name);
            w.Write((uint)dims.Length);
            foreach (var d in dims)
            {
                w.Write((ulong)d);
            }

            w.Write((uint)type);
            w.Write((ulong)offset);
            offsets.Add(offset);
            offset += (bytes + 31) / 32 * 32;
        }

        w.Flush();
        var data = (stream.Position + 31) / 32 * 32;
        w.Write(new byte[data - stream.Position + offset]);
        return stream.ToArray();
    }

    private GgufTestWriter Add(string key, Action<BinaryWriter> value)
    {
        _metadata.Add((key, value));
        return this;
    }

    private static void Str(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }
}
