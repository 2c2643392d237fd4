using System.Globalization;
using FlopScope.Hardware;
using FlopScope.Profiling;
using FlopScope.Reporting;

namespace FlopScope.Budgets;

/// <summary>Checks a profile (and optionally a device estimate) against a <see cref="Budget"/>.</summary>
public static class BudgetChecker
{
    /// <summary>Evaluates every limit set in <paramref name="budget"/>.</summary>
    /// <param name="report">The profile.</param>
    /// <param name="budget">The limits.</param>
    /// <param name="estimate">The device estimate, required when the budget has latency or FPS limits.</param>
    /// <param name="memoryBytes">Resident bytes to check (default: weights + peak activations of the report).</param>
    public static IReadOnlyList<BudgetResult> Check(ProfileReport report, Budget budget, DeviceEstimate? estimate = null, long? memoryBytes = null)
    {
        if (budget.NeedsDevice && estimate is null)
        {
            throw new ArgumentException("Latency and FPS budgets need a device estimate.", nameof(estimate));
        }

        var results = new List<BudgetResult>();
        if (budget.MaxGFlops is { } gflops)
        {
            // The budget applies to the convention's headline figure, so it reads the number profile and compare print.
            var unit = ConventionText.HeadlineUnit(report.Summary.Convention);
            var actual = ConventionText.HeadlineCount(report.Summary) / 1e9;
            results.Add(new(unit, $"{F(gflops)} {unit}", $"{F(actual)} {unit} at {report.InputShapeText}", actual <= gflops, actual / gflops));
        }

        if (budget.MaxParameters is { } parameters)
        {
            var actual = report.Summary.Parameters.Total;
            results.Add(new("parameters", Units.Grouped(parameters), Units.Grouped(actual), actual <= parameters, (double)actual / parameters));
        }

        if (budget.MaxMemoryBytes is { } memory)
        {
            var actual = memoryBytes ?? report.Memory.TotalBytes;
            results.Add(new("memory", Units.Bytes(memory), $"{Units.Bytes(actual)} ({report.Memory.Precision})", actual <= memory, (double)actual / memory));
        }

        if (budget.MaxLatencyMs is { } latency)
        {
            var actual = estimate!.LatencyMs;
            results.Add(new("latency", $"{F(latency)} ms", $"{F(actual)} ms on {estimate.Device.Id} (estimate)", actual <= latency, actual / latency));
        }

        if (budget.MinFps is { } fps)
        {
            var actual = estimate!.ItemsPerSecond;
            results.Add(new("FPS", $"{F(fps)} FPS", $"{F(actual)} FPS on {estimate.Device.Id} (estimate)", actual >= fps, fps / actual));
        }

        return results;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
