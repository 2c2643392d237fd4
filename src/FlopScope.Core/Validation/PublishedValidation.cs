using FlopScope.Hardware;
using FlopScope.Profiling;

namespace FlopScope.Validation;

/// <summary>Estimates every row of a <see cref="PublishedTable"/> on the catalogue and compares with the published
/// figure. No fitting happens here: the estimate is whatever the catalogue and runtime defaults give.</summary>
public static class PublishedValidation
{
    /// <summary>Profile options a row's model is profiled with: its input size, batch and precision.</summary>
    public static ProfileOptions OptionsFor(PublishedMeasurement row) => new()
    {
        ImageSize = (row.ImageSize, row.ImageSize),
        Batch = row.Batch,
        Precision = ParsePrecision(row.Precision),
    };

    /// <summary>Estimates each row. <paramref name="profile"/> loads and profiles a model file with the given options
    /// (the ONNX reader lives outside the core library); <paramref name="estimate"/> is the estimator (device, runtime).</summary>
    public static IReadOnlyList<ValidationRow> Evaluate(
        PublishedTable table,
        DeviceCatalog catalog,
        Func<string, ProfileOptions, ProfileReport> profile,
        Func<ProfileReport, DeviceProfile, string, DeviceEstimate> estimate)
    {
        var reports = new Dictionary<(string, int, int, string), ProfileReport>();
        var rows = new List<ValidationRow>();
        foreach (var row in table.Rows)
        {
            var key = (row.Model, row.ImageSize, row.Batch, row.Precision);
            if (!reports.TryGetValue(key, out var report))
            {
                report = profile(table.ModelPath(row), OptionsFor(row));
                reports[key] = report;
            }

            var device = catalog.Get(row.Device);
            var result = estimate(report, device, row.Runtime);
            rows.Add(new ValidationRow(row, DeviceClass.Of(device), result.LatencyMs));
        }

        return rows;
    }

    /// <summary>Estimates each row with the library's estimator at the row's runtime.</summary>
    public static IReadOnlyList<ValidationRow> Evaluate(PublishedTable table, DeviceCatalog catalog, Func<string, ProfileOptions, ProfileReport> profile) =>
        Evaluate(table, catalog, profile, Estimate);

    /// <summary>The estimator the published table is checked with.</summary>
    public static DeviceEstimate Estimate(ProfileReport report, DeviceProfile device, string runtime) => RooflineEstimator.Estimate(report, device, runtime);

    /// <summary>Accuracy per (device class, runtime), ordered by class then runtime.</summary>
    public static IReadOnlyList<AccuracySummary> Summarise(IEnumerable<ValidationRow> rows) => rows
        .GroupBy(r => (r.DeviceClass, r.Measurement.Runtime))
        .OrderBy(g => g.Key.DeviceClass, StringComparer.Ordinal).ThenBy(g => g.Key.Runtime, StringComparer.Ordinal)
        .Select(g => AccuracySummary.Of(g.Key.DeviceClass, g.Key.Runtime, g.Select(r => r.Ratio).ToList()))
        .ToList();

    /// <summary>Accuracy over every row.</summary>
    public static AccuracySummary Overall(IReadOnlyCollection<ValidationRow> rows) =>
        AccuracySummary.Of("all", "all", rows.Select(r => r.Ratio).ToList());

    private static Precision ParsePrecision(string text) => text switch
    {
        "fp32" => Precision.Fp32,
        "fp16" => Precision.Fp16,
        "bf16" => Precision.Bf16,
        "int8" => Precision.Int8,
        _ => throw new Errors.FlopScopeException($"Unknown precision '{text}' in the published table."),
    };
}

/// <summary>One published measurement with its estimate.</summary>
/// <param name="Measurement">The published row.</param>
/// <param name="DeviceClass">Class of its device.</param>
/// <param name="EstimatedMs">FlopScope's estimate, milliseconds per batch.</param>
public sealed record ValidationRow(PublishedMeasurement Measurement, string DeviceClass, double EstimatedMs)
{
    /// <summary>Estimated / measured.</summary>
    public double Ratio => EstimatedMs / Measurement.MeasuredMs;
}
