using System.Text.Json;
using FlopScope.Errors;

namespace FlopScope.Validation;

/// <summary>The table of published measurements (<c>tests/fixtures/published/measurements.json</c>, schema
/// <c>flopscope.published-measurements/1</c>): rows plus the sources they cite.</summary>
public sealed class PublishedTable
{
    /// <summary>Schema id the file must carry.</summary>
    public const string Schema = "flopscope.published-measurements/1";

    private PublishedTable(IReadOnlyList<PublishedMeasurement> rows, IReadOnlyDictionary<string, PublishedSource> sources, string folder)
    {
        Rows = rows;
        Sources = sources;
        Folder = folder;
    }

    /// <summary>The measurements, in file order.</summary>
    public IReadOnlyList<PublishedMeasurement> Rows { get; }

    /// <summary>Sources by key.</summary>
    public IReadOnlyDictionary<string, PublishedSource> Sources { get; }

    /// <summary>Folder of the table file; the model graphs lie beside it.</summary>
    public string Folder { get; }

    /// <summary>Path of a row's model graph.</summary>
    public string ModelPath(PublishedMeasurement row) => Path.Combine(Folder, row.Model + ".onnx.gz");

    /// <summary>Reads a table file; a malformed file is a <see cref="FlopScopeException"/>.</summary>
    public static PublishedTable Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("schema", out var schema) || schema.GetString() != Schema)
            {
                throw new FlopScopeException($"{path}: not a {Schema} file.");
            }

            var sources = root.GetProperty("sources").EnumerateObject().ToDictionary(
                p => p.Name,
                p => new PublishedSource(p.Name, p.Value.GetProperty("title").GetString()!, p.Value.GetProperty("url").GetString()!,
                    Optional(p.Value, "repo_file"), Optional(p.Value, "setup")));
            var rows = root.GetProperty("measurements").EnumerateArray().Select(r => new PublishedMeasurement(
                r.GetProperty("id").GetString()!,
                r.GetProperty("model").GetString()!,
                r.GetProperty("imgsz").GetInt32(),
                r.GetProperty("batch").GetInt32(),
                r.GetProperty("device").GetString()!,
                r.GetProperty("runtime").GetString()!,
                r.GetProperty("precision").GetString()!,
                r.GetProperty("measured_ms").GetDouble(),
                r.GetProperty("source").GetString()!,
                r.GetProperty("quote").GetString()!,
                Optional(r, "note"))).ToList();
            foreach (var row in rows.Where(r => !sources.ContainsKey(r.Source)))
            {
                throw new FlopScopeException($"{path}: row {row.Id} cites unknown source '{row.Source}'.");
            }

            return new PublishedTable(rows, sources, Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FlopScopeException($"{path}: malformed published-measurements file ({e.Message}).");
        }
    }

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}

/// <summary>Where a group of published measurements comes from.</summary>
/// <param name="Key">Key rows cite.</param>
/// <param name="Title">Document and table.</param>
/// <param name="Url">Public address.</param>
/// <param name="RepoFile">Repository file and commit the figures were read from, when the page lives in a repository.</param>
/// <param name="Setup">How the figures were measured, as the source states it.</param>
public sealed record PublishedSource(string Key, string Title, string Url, string? RepoFile, string? Setup);
