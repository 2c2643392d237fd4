using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlopScope.Reporting;

/// <summary>Writes a JSON document with <see cref="Utf8JsonWriter"/> (indented) and returns it as text. Characters
/// such as + and ' stay readable (documents are files, never embedded unescaped in HTML).</summary>
public static class JsonText
{
    /// <summary>Runs <paramref name="write"/> on a fresh indented writer and returns the document.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Runs <paramref name="write"/> on a fresh indented writer that streams into <paramref name="output"/>:
    /// the document is never held whole (a 1,000,000-layer profile is over 300 MB of JSON). <paramref name="write"/>
    /// may call <see cref="Utf8JsonWriter.Flush"/> between items to pass what it has so far on.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new TextWriterStream(output);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }
    }

    /// <summary>UTF-8 bytes decoded onto a <see cref="TextWriter"/> (a multi-byte character split between writes is
    /// kept by the decoder until its last byte arrives).</summary>
    private sealed class TextWriterStream(TextWriter output) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false, true).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var written = _decoder.GetChars(buffer, _chars, flush: false);
            output.Write(_chars, 0, written);
        }

        public override void Flush() => output.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
