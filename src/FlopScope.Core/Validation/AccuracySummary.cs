namespace FlopScope.Validation;

/// <summary>How close estimates came to published measurements for one device class and runtime.</summary>
/// <param name="DeviceClass">Device class id (<see cref="DeviceClass.Of"/>).</param>
/// <param name="Runtime">Runtime id.</param>
/// <param name="Rows">Number of published measurements.</param>
/// <param name="MedianRatio">Median of estimated / measured (above 1: the estimate is slower than measured).</param>
/// <param name="MedianFactor">Median of max(ratio, 1/ratio): the typical miss as a factor.</param>
/// <param name="WorstFactor">Largest max(ratio, 1/ratio).</param>
public sealed record AccuracySummary(string DeviceClass, string Runtime, int Rows, double MedianRatio, double MedianFactor, double WorstFactor)
{
    /// <summary>The one-line note estimates print, e.g. "published-table accuracy for edge GPUs + tensorrt: median
    /// 1.10x, worst 1.60x over 30 rows (estimated/measured median 0.95)".</summary>
    public string Note => FormattableString.Invariant(
        $"published-table accuracy for {Validation.DeviceClass.Describe(DeviceClass)} + {Runtime}: median {MedianFactor:0.00}x, worst {WorstFactor:0.00}x off over {Rows} rows (estimated/measured median {MedianRatio:0.00}; docs/estimator.md)");

    /// <summary>Summarises ratios (estimated / measured) of one group.</summary>
    public static AccuracySummary Of(string deviceClass, string runtime, IReadOnlyCollection<double> ratios) => new(
        deviceClass, runtime, ratios.Count, Median(ratios), Median(ratios.Select(Factor).ToList()), ratios.Select(Factor).DefaultIfEmpty(double.NaN).Max());

    /// <summary>max(r, 1/r): how many times off a ratio is, whichever way.</summary>
    public static double Factor(double ratio) => Math.Max(ratio, 1 / ratio);

    /// <summary>Median (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
