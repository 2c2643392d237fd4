using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlopScope.Runtime.Remote;

/// <summary>A fleet run as one document: the comparison rows, and every host's full bench report (each one the
/// portable <see cref="BenchReport.SchemaId"/> document).</summary>
public sealed record FleetReport
{
    /// <summary>Schema id of the JSON document.</summary>
    public const string SchemaId = "flopscope.fleet/1";

    /// <summary>Schema id.</summary>
    [JsonPropertyName("schema")]
    public string Schema { get; init; } = SchemaId;

    /// <summary>Model name (from the first report; null when every host failed).</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>FLOPs of one inference, static profile (the same on every host).</summary>
    [JsonPropertyName("total_flops")]
    public long? TotalFlops { get; init; }

    /// <summary>One row per host, in the order given.</summary>
    [JsonPropertyName("rows")]
    public required IReadOnlyList<FleetRow> Rows { get; init; }

    /// <summary>The bench reports of the hosts that succeeded, in the order given.</summary>
    [JsonPropertyName("reports")]
    public required IReadOnlyList<BenchReport> Reports { get; init; }

    /// <summary>The document of <paramref name="results"/>.</summary>
    public static FleetReport Create(IReadOnlyList<FleetResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var reports = results.Select(r => r.Report).OfType<BenchReport>().ToArray();
        return new FleetReport
        {
            Model = reports.FirstOrDefault()?.Model,
            TotalFlops = reports.FirstOrDefault()?.TotalFlops,
            Rows = FleetTable.Rows(results),
            Reports = reports,
        };
    }

    /// <summary>The document as indented JSON.</summary>
    public string Serialize() => JsonSerializer.Serialize(this, BenchJsonContext.Default.FleetReport);
}
