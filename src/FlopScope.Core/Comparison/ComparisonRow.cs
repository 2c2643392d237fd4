namespace FlopScope.Comparison;

/// <summary>One model (or saved result) in a comparison table. Null figures are not available from that source.</summary>
public sealed record ComparisonRow
{
    /// <summary>Model name (the file name without extension).</summary>
    public required string Model { get; init; }

    /// <summary>Where the row came from: a model file, a profile JSON or a bench JSON.</summary>
    public required string Source { get; init; }

    /// <summary>Input shapes the figures are at.</summary>
    public string? Input { get; init; }

    /// <summary>Parameters.</summary>
    public long? Parameters { get; init; }

    /// <summary>MACs under <see cref="Convention"/> (the headline under torchvision).</summary>
    public long? Macs { get; init; }

    /// <summary>FLOPs (2 x MACs under <see cref="Convention"/>).</summary>
    public long? Flops { get; init; }

    /// <summary>All arithmetic.</summary>
    public long? TotalFlops { get; init; }

    /// <summary>Weights + peak activations, bytes.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Counting convention of <see cref="Flops"/>.</summary>
    public string? Convention { get; init; }

    /// <summary>Estimated latency in ms per device id.</summary>
    public IReadOnlyDictionary<string, double> EstimatedMs { get; init; } = new Dictionary<string, double>();

    /// <summary>Measured median latency in ms.</summary>
    public double? MeasuredMs { get; init; }

    /// <summary>The machine and runtime of <see cref="MeasuredMs"/>.</summary>
    public string? MeasuredOn { get; init; }

    /// <summary>Null when the figures are whole; else why not: "incomplete: 2 node(s) not counted" or "failed: ...".</summary>
    public string? Status { get; init; }

    /// <summary>The row of a profiled model: its figures, and its estimated latency on each of <paramref name="devices"/>.</summary>
    public static ComparisonRow FromReport(Profiling.ProfileReport report, string source, IReadOnlyList<Hardware.DeviceProfile> devices)
    {
        var s = report.Summary;
        var missing = s.Unsupported.Sum(u => u.Nodes) + s.Unresolved.Sum(u => u.Nodes);
        return new ComparisonRow
        {
            Model = s.Model,
            Source = source,
            Input = report.InputShapeText,
            Parameters = s.Parameters.Total,
            Macs = s.Macs,
            Flops = s.Flops,
            TotalFlops = s.TotalFlops,
            MemoryBytes = report.Memory.TotalBytes,
            Convention = Reporting.ConventionText.Name(s.Convention),
            EstimatedMs = devices.ToDictionary(d => d.Id, d => Hardware.RooflineEstimator.Estimate(report, d).LatencyMs),
            Status = missing > 0 ? $"incomplete: {missing} node(s) not counted" : null,
        };
    }

    /// <summary>The row of a model that could not be read or profiled: named by its file, with the reason.</summary>
    public static ComparisonRow Failed(string source, string error) => new()
    {
        Model = ModelName(source),
        Source = source,
        Status = "failed: " + error,
    };

    /// <summary>The file name without .onnx / .onnx.gz / .json.</summary>
    public static string ModelName(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        foreach (var extension in new[] { ".onnx.gz", ".onnx", ".json" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^extension.Length];
            }
        }

        return name;
    }
}
