using System.Text.Json.Serialization;

namespace FlopScope.Runtime;

/// <summary>
/// Statistics of a series of run times in milliseconds. Percentiles interpolate linearly between the closest ranks of
/// the sorted series (numpy's default "linear" method): with n sorted values x[0..n-1], percentile p is read at
/// position h = (n - 1) * p / 100, i.e. x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]). The median is
/// percentile 50 (the middle value, or the mean of the two middle ones). The standard deviation is the sample one
/// (divides by n - 1; 0 for a single run).
/// </summary>
public sealed record LatencyStats
{
    /// <summary>Number of timed runs.</summary>
    [JsonPropertyName("runs")]
    public required int Runs { get; init; }

    /// <summary>Fastest run, ms.</summary>
    [JsonPropertyName("min_ms")]
    public required double MinMs { get; init; }

    /// <summary>Slowest run, ms.</summary>
    [JsonPropertyName("max_ms")]
    public required double MaxMs { get; init; }

    /// <summary>Arithmetic mean, ms.</summary>
    [JsonPropertyName("mean_ms")]
    public required double MeanMs { get; init; }

    /// <summary>Percentile 50, ms.</summary>
    [JsonPropertyName("median_ms")]
    public required double MedianMs { get; init; }

    /// <summary>Percentile 90, ms.</summary>
    [JsonPropertyName("p90_ms")]
    public required double P90Ms { get; init; }

    /// <summary>Percentile 99, ms.</summary>
    [JsonPropertyName("p99_ms")]
    public required double P99Ms { get; init; }

    /// <summary>Sample standard deviation, ms.</summary>
    [JsonPropertyName("std_dev_ms")]
    public required double StdDevMs { get; init; }

    /// <summary>Computes the statistics of <paramref name="timesMs"/> (at least one value).</summary>
    public static LatencyStats From(IReadOnlyList<double> timesMs)
    {
        ArgumentNullException.ThrowIfNull(timesMs);
        if (timesMs.Count == 0)
        {
            throw new ArgumentException("At least one run time is needed.", nameof(timesMs));
        }

        var sorted = timesMs.Order().ToArray();
        var mean = sorted.Average();
        var variance = sorted.Length > 1 ? sorted.Sum(t => (t - mean) * (t - mean)) / (sorted.Length - 1) : 0;
        return new LatencyStats
        {
            Runs = sorted.Length,
            MinMs = sorted[0],
            MaxMs = sorted[^1],
            MeanMs = mean,
            MedianMs = Percentile(sorted, 50),
            P90Ms = Percentile(sorted, 90),
            P99Ms = Percentile(sorted, 99),
            StdDevMs = Math.Sqrt(variance),
        };
    }

    /// <summary>Percentile <paramref name="p"/> (0-100) of an ascending series, by linear interpolation.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var h = (sorted.Count - 1) * p / 100.0;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
