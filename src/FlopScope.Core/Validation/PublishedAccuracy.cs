using System.Text.Json;
using FlopScope.Hardware;

namespace FlopScope.Validation;

/// <summary>The accuracy of the default catalogue against the published table, per device class and runtime, as
/// last measured (<c>Validation/published-accuracy.json</c>, embedded; written by
/// <c>benchmarks/published-vs-estimated.sh</c>, and a test fails when it no longer matches a fresh run).</summary>
public static class PublishedAccuracy
{
    private static readonly Lazy<IReadOnlyList<AccuracySummary>> Embedded = new(Load);

    /// <summary>Every stored summary.</summary>
    public static IReadOnlyList<AccuracySummary> All => Embedded.Value;

    /// <summary>The summary for the device's class and the runtime, or null when the table has no row there.</summary>
    public static AccuracySummary? For(DeviceProfile device, string runtime)
    {
        var cls = DeviceClass.Of(device);
        return All.FirstOrDefault(s => s.DeviceClass == cls && s.Runtime == runtime);
    }

    /// <summary>The one-line note for an estimate on <paramref name="device"/> with <paramref name="runtime"/>.</summary>
    public static string NoteFor(DeviceProfile device, string runtime) => For(device, runtime)?.Note
        ?? $"published-table accuracy for {DeviceClass.Describe(DeviceClass.Of(device))} + {runtime}: no published measurement to check against (docs/estimator.md)";

    /// <summary>Serialises summaries in the embedded file's shape.</summary>
    public static string ToJson(IEnumerable<AccuracySummary> summaries)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("schema", "flopscope.published-accuracy/1");
            w.WriteString("about", "Estimated/measured over the published table (tests/fixtures/published/measurements.json) with the default catalogue, per device class and runtime. Written by benchmarks/published-vs-estimated.sh; PublishedTableTests fails when it no longer matches.");
            w.WriteStartArray("summaries");
            foreach (var s in summaries)
            {
                w.WriteStartObject();
                w.WriteString("device_class", s.DeviceClass);
                w.WriteString("runtime", s.Runtime);
                w.WriteNumber("rows", s.Rows);
                w.WriteNumber("median_ratio", Math.Round(s.MedianRatio, 3));
                w.WriteNumber("median_factor", Math.Round(s.MedianFactor, 3));
                w.WriteNumber("worst_factor", Math.Round(s.WorstFactor, 3));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Parses the embedded file's shape.</summary>
    public static IReadOnlyList<AccuracySummary> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("summaries").EnumerateArray().Select(e => new AccuracySummary(
            e.GetProperty("device_class").GetString()!,
            e.GetProperty("runtime").GetString()!,
            e.GetProperty("rows").GetInt32(),
            e.GetProperty("median_ratio").GetDouble(),
            e.GetProperty("median_factor").GetDouble(),
            e.GetProperty("worst_factor").GetDouble())).ToList();
    }

    private static IReadOnlyList<AccuracySummary> Load()
    {
        using var stream = typeof(PublishedAccuracy).Assembly.GetManifestResourceStream("FlopScope.Validation.published-accuracy.json");
        if (stream is null)
        {
            return [];
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
