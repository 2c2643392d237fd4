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
}
