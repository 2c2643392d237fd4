using System.Globalization;
using FlopScope.Reporting;

namespace FlopScope.Comparison;

/// <summary>The columns of a comparison table (one row per model, like Ultralytics' benchmark table), shared by the
/// console, Markdown and CSV outputs.</summary>
public static class ComparisonTable
{
    /// <summary>Columns for <paramref name="devices"/> (estimated latency per device) and a measured column when any
    /// row has a measurement.</summary>
    public static IReadOnlyList<Column<ComparisonRow>> Columns(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> devices)
    {
        var columns = new List<Column<ComparisonRow>>
        {
            new("Source", "source", r => r.Source, r => r.Source, Numeric: false, JsonOnly: true),
            new("Model", "model", r => r.Model, r => r.Model, Numeric: false),
            new("Input", "input", r => r.Input ?? string.Empty, r => r.Input ?? "-", Numeric: false),
            new("Params", "params", r => Raw(r.Parameters), r => r.Parameters is { } p ? Units.Si(p) : "-"),
            new("GFLOPs", "flops", r => Raw(r.Flops), r => r.Flops is { } f ? Units.Giga(f, "0.###") : "-"),
            new("Convention", "convention", r => r.Convention ?? string.Empty, r => r.Convention ?? "-", Numeric: false),
            new("Total GFLOPs", "total_flops", r => Raw(r.TotalFlops), r => r.TotalFlops is { } f ? Units.Giga(f, "0.###") : "-"),
            new("Memory", "memory_bytes", r => Raw(r.MemoryBytes), r => r.MemoryBytes is { } m ? Units.Bytes(m) : "-"),
        };
        foreach (var device in devices)
        {
            columns.Add(new($"{device} est. ms", $"estimated_ms_{device}",
                r => r.EstimatedMs.TryGetValue(device, out var v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty,
                r => r.EstimatedMs.TryGetValue(device, out var v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-"));
        }

        if (rows.Any(r => r.MeasuredMs is not null))
        {
            columns.Add(new("Measured ms", "measured_ms",
                r => r.MeasuredMs?.ToString("0.####", CultureInfo.InvariantCulture) ?? string.Empty,
                r => r.MeasuredMs?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"));
            columns.Add(new("Measured on", "measured_on", r => r.MeasuredOn ?? string.Empty, r => r.MeasuredOn ?? "-", Numeric: false));
        }

        return columns;
    }

    private static string Raw(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
