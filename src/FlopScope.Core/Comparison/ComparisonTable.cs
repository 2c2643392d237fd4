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
            new("Model", "model", r => r.Model, r => r.Model, Numeric: false, Fit: ColumnFit.Shorten),
            new("Input", "input", r => r.Input ?? string.Empty, r => r.Input ?? "-", Numeric: false, Priority: 2, Fit: ColumnFit.Wrap),
            new("Params", "params", r => Raw(r.Parameters), r => r.Parameters is { } p ? Units.Si(p) : "-", Priority: 1),
            new("Convention", "convention", r => r.Convention ?? string.Empty, r => r.Convention ?? "-", Numeric: false, Priority: 1),
            new("Total GFLOPs", "total_flops", r => Raw(r.TotalFlops), r => r.TotalFlops is { } f ? Units.Giga(f, "0.###") : "-", Priority: 3),
            new("Memory", "memory_bytes", r => Raw(r.MemoryBytes), r => r.MemoryBytes is { } m ? Units.Bytes(m) : "-", Priority: 2),
        };
        // The headline column of each convention present: GFLOPs (2 x MACs), and GMACs for torchvision rows, so a
        // convention's figure reads the same here as in profile and check.
        var index = columns.FindIndex(c => c.Key == "convention");
        if (rows.Any(r => r.Convention == "torchvision"))
        {
            columns.Insert(index, new("GMACs", "macs", r => r.Convention == "torchvision" ? Raw(r.Macs) : string.Empty,
                r => r.Convention == "torchvision" && r.Macs is { } m ? Units.Giga(m, "0.###") : "-"));
        }

        if (rows.Any(r => r.Convention != "torchvision"))
        {
            columns.Insert(index, new("GFLOPs", "flops", r => r.Convention != "torchvision" ? Raw(r.Flops) : string.Empty,
                r => r.Convention != "torchvision" && r.Flops is { } f ? Units.Giga(f, "0.###") : "-"));
        }

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
            columns.Add(new("Measured on", "measured_on", r => r.MeasuredOn ?? string.Empty, r => r.MeasuredOn ?? "-", Numeric: false, Priority: 4, Fit: ColumnFit.Wrap));
        }

        if (rows.Any(r => r.Status is not null))
        {
            columns.Add(new("Status", "status", r => r.Status ?? "ok", r => r.Status ?? "ok", Numeric: false, Fit: ColumnFit.Wrap));
        }

        return columns;
    }

    /// <summary>The table title: what the headline columns count, and where the other figures come from.</summary>
    public static string Title(IReadOnlyList<ComparisonRow> rows)
    {
        var conventions = rows.Select(r => r.Convention).OfType<string>().Distinct().ToList();
        var headline = conventions.Count == 1 && conventions[0] == "torchvision" ? "GMACs under the torchvision convention"
            : conventions.Contains("torchvision") ? "GFLOPs = 2 x MACs under each row's convention, GMACs for torchvision rows"
            : "GFLOPs = 2 x MACs under the convention";
        return $"Comparison ({headline}; estimates from the roofline model; measured = median)";
    }

    private static string Raw(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
