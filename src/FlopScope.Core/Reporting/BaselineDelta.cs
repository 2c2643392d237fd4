using System.Globalization;
using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>One headline figure compared with a baseline.</summary>
/// <param name="Name">What is compared: "GFLOPs" ("GMACs" under torchvision), "params", "total FLOPs", "peak memory".</param>
/// <param name="Baseline">The baseline's value.</param>
/// <param name="Current">This report's value.</param>
/// <param name="BaselineText">The baseline's value for people (with unit).</param>
/// <param name="CurrentText">This report's value for people (with unit).</param>
/// <param name="Delta">The change alone: <c>+12.4%</c>, <c>+0.8 M (+7.4%)</c>.</param>
/// <param name="Change">The change with what changed: <c>+12.4% GFLOPs</c>, <c>+0.8 M params (+7.4%)</c>.</param>
public sealed record BaselineDelta(string Name, long Baseline, long Current, string BaselineText, string CurrentText, string Delta, string Change);

/// <summary>Compares a report's headline figures with a <see cref="ProfileBaseline"/>: FLOPs and total FLOPs as
/// relative changes, parameters and peak memory as absolute ones (with the relative change beside them).</summary>
public static class BaselineComparison
{
    /// <summary>The headline (GFLOPs, or GMACs under torchvision), parameters, total FLOPs and peak memory (weights +
    /// peak activations), in that order.</summary>
    public static IReadOnlyList<BaselineDelta> Compare(ProfileReport report, ProfileBaseline baseline)
    {
        var s = report.Summary;
        // The headline under the report's convention: GMACs under torchvision (the baseline's MACs are its FLOPs / 2,
        // FLOPs being 2 x MACs under every convention), GFLOPs otherwise; the relative change is the same.
        var unit = ConventionText.HeadlineUnit(s.Convention);
        var (before, after) = s.Convention == CountingConvention.Torchvision ? (baseline.Flops / 2, s.Macs) : (baseline.Flops, s.Flops);
        var flops = SignedPercent(before, after);
        var parameters = SignedSi(s.Parameters.Total - baseline.Parameters, Math.Max(baseline.Parameters, s.Parameters.Total));
        var parametersPercent = SignedPercent(baseline.Parameters, s.Parameters.Total);
        var total = SignedPercent(baseline.TotalFlops, s.TotalFlops);
        var memory = SignedBytes(report.Memory.TotalBytes - baseline.PeakMemoryBytes);
        var memoryPercent = SignedPercent(baseline.PeakMemoryBytes, report.Memory.TotalBytes);
        return
        [
            new(unit, before, after, Units.Giga(before, "0.###"), Units.Giga(after, "0.###"), flops, $"{flops} {unit}"),
            new("params", baseline.Parameters, s.Parameters.Total, Units.Grouped(baseline.Parameters), Units.Grouped(s.Parameters.Total),
                $"{parameters} ({parametersPercent})", $"{parameters} params ({parametersPercent})"),
            new("total FLOPs", baseline.TotalFlops, s.TotalFlops, Units.Si(baseline.TotalFlops) + "FLOP", Units.Si(s.TotalFlops) + "FLOP", total, $"{total} total FLOPs"),
            new("peak memory", baseline.PeakMemoryBytes, report.Memory.TotalBytes, Units.Bytes(baseline.PeakMemoryBytes), Units.Bytes(report.Memory.TotalBytes),
                $"{memory} ({memoryPercent})", $"{memory} peak memory ({memoryPercent})"),
        ];
    }

    /// <summary>One line: <c>vs baseline: +12.4% GFLOPs, +0.8 M params (+6.8%), ...</c>.</summary>
    public static string Line(ProfileReport report, ProfileBaseline baseline) =>
        "vs baseline: " + string.Join(", ", Compare(report, baseline).Select(d => d.Change));

    /// <summary>Notes that make a comparison misleading: another model, input or convention.</summary>
    public static IReadOnlyList<string> Caveats(ProfileReport report, ProfileBaseline baseline)
    {
        var notes = new List<string>();
        if (baseline.Model != report.Summary.Model)
        {
            notes.Add($"the baseline is model '{baseline.Model}', this is '{report.Summary.Model}'");
        }

        if (baseline.Input != report.InputShapeText)
        {
            notes.Add($"the baseline's input is {baseline.Input}, this one's is {report.InputShapeText}");
        }

        if (baseline.Convention != ConventionText.Name(report.Summary.Convention))
        {
            notes.Add($"the baseline counts under convention '{baseline.Convention}', this one under '{ConventionText.Name(report.Summary.Convention)}'");
        }

        return notes;
    }

    /// <summary><c>+12.4%</c>, <c>-3.0%</c>, <c>+0.0%</c>; <c>new</c> when the baseline is 0.</summary>
    public static string SignedPercent(long baseline, long current) => baseline == 0
        ? current == 0 ? "+0.0%" : "new"
        : (100.0 * (current - baseline) / baseline).ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A signed change in the SI prefix of <paramref name="scale"/>: <c>+0.8 M</c> for 800,000 of 11.7 M.</summary>
    public static string SignedSi(long delta, long scale)
    {
        var abs = Math.Abs((double)scale);
        var (divisor, prefix) = abs switch
        {
            >= 1e12 => (1e12, " T"),
            >= 1e9 => (1e9, " G"),
            >= 1e6 => (1e6, " M"),
            >= 1e3 => (1e3, " K"),
            _ => (1.0, string.Empty),
        };
        var scaled = delta / divisor;
        var format = divisor == 1 ? "+0;-0;+0" : Math.Abs(scaled) >= 10 || scaled == 0 ? "+0.#;-0.#;+0" : "+0.0##;-0.0##;+0";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + prefix;
    }

    /// <summary>A signed byte count in binary units: <c>+1.5 MiB</c>.</summary>
    public static string SignedBytes(long delta) => (delta < 0 ? "-" : "+") + Units.Bytes(Math.Abs((double)delta));
}
