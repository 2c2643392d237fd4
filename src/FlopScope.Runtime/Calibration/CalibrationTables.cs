using System.Globalization;
using FlopScope.Kernels;
using FlopScope.Reporting;

namespace FlopScope.Runtime.Calibration;

/// <summary>The tables and lines <c>flopscope calibrate</c> prints: each probe measured vs fitted, each model of a
/// <c>--from</c> fit with its leave-one-model-out estimate, and the fitted figures.</summary>
public static class CalibrationTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One row per probe: measured (median run time minus the fixed cost of a run) vs the fit's estimate.</summary>
    public static ResultTable Probes(ClassCalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var p = result.Fit.Parameters;
        return ResultTable.Of<ProbeTiming>(
            "per-class probes (ort-cpu, fp32, graph optimization all; measured = median time per run minus the fixed cost of a run; estimated = fitted model)",
            "probes",
            [
                new("Probe", "probe", t => t.Probe.Id, t => t.Probe.Id, Numeric: false),
                new("Class", "class", t => t.Probe.KernelClass, t => t.Probe.KernelClass, Numeric: false),
                new("Kernels", "kernels", t => N(t.Kernels.Count(k => k.Sample.Launched)), t => N(t.Kernels.Count(k => k.Sample.Launched))),
                new("GFLOPs", "gflops", t => F(t.Kernels.Sum(k => k.Kernel.Flops) / 1e9, 6), t => F(t.Kernels.Sum(k => k.Kernel.Flops) / 1e9, 4)),
                new("MB moved", "mb_moved", t => F(t.Kernels.Sum(k => k.Kernel.TotalBytes) / 1e6, 6), t => F(t.Kernels.Sum(k => k.Kernel.TotalBytes) / 1e6, 2)),
                new("Measured ms", "measured_ms", t => F(t.NetSeconds * 1e3, 6), t => F(t.NetSeconds * 1e3, 4)),
                new("Estimated ms", "estimated_ms", t => F(p.Seconds(t.Observation) * 1e3, 6), t => F(p.Seconds(t.Observation) * 1e3, 4)),
                new("Est/meas", "ratio", t => F(p.Seconds(t.Observation) / t.NetSeconds, 4), t => F(p.Seconds(t.Observation) / t.NetSeconds, 2)),
            ],
            result.Probes);
    }

    /// <summary>Lines under the probe table: fitted figures, median probe error, run cost.</summary>
    public static IReadOnlyList<string> ProbeNotes(ClassCalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            Fitted(result.Fit, "ort-cpu"),
            string.Create(Invariant, $"median probe error (max(est/meas, meas/est)): {result.Fit.MedianError:F2}x over {result.Probes.Count - 1} probes"),
            string.Create(Invariant, $"fixed cost of a run (subtracted from every probe): {result.RunCostSeconds * 1e6:F1} us"),
            .. Headroom(result.Fit.Parameters),
        ];
    }

    /// <summary>One row per model of a <c>--from</c> fit.</summary>
    public static ResultTable Models(BenchCalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ResultTable.Of<ModelFit>(
            $"fit to bench results ({result.Runtime}; measured = bench median; fitted = all models; left out = fitted without that model)",
            "models",
            [
                new("Model", "model", m => m.Model, m => m.Model, Numeric: false),
                new("Kernels", "kernels", m => N(m.Kernels), m => N(m.Kernels)),
                new("Matched groups", "matched_groups", m => N(m.Matched), m => N(m.Matched)),
                new("Measured ms", "measured_ms", m => F(m.MeasuredMs, 6), m => F(m.MeasuredMs, 3)),
                new("Fitted ms", "fitted_ms", m => F(m.FittedMs, 6), m => F(m.FittedMs, 3)),
                new("Fitted/meas", "fitted_ratio", m => F(m.FittedMs / m.MeasuredMs, 4), m => F(m.FittedMs / m.MeasuredMs, 2)),
                new("Left-out ms", "left_out_ms", m => m.LeftOutMs is { } l ? F(l, 6) : string.Empty, m => m.LeftOutMs is { } l ? F(l, 3) : "-"),
                new("Left-out/meas", "left_out_ratio", m => m.LeftOutMs is { } l ? F(l / m.MeasuredMs, 4) : string.Empty, m => m.LeftOutMs is { } l ? F(l / m.MeasuredMs, 2) : "-"),
            ],
            result.Models);
    }

    /// <summary>Lines under the model table: fitted figures, in-sample and leave-one-model-out errors.</summary>
    public static IReadOnlyList<string> ModelNotes(BenchCalibrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fitted = EfficiencyFit.Median(result.Models.Select(m => EfficiencyFit.Error(m.FittedMs, m.MeasuredMs)).ToArray());
        return
        [
            Fitted(result.Fit, result.Runtime),
            string.Create(Invariant, $"fitted model error (max(est/meas, meas/est)): median {fitted:F2}x over {result.Models.Count} models"),
            result.MedianLeaveOneOutError is { } e
                ? string.Create(Invariant, $"leave-one-model-out error (max(est/meas, meas/est)): median {e:F2}x over {result.Models.Count} models, worst {result.Models.Max(m => m.LeftOutError!.Value):F2}x")
                : "leave-one-model-out error: needs at least two models",
        ];
    }

    /// <summary>Overhead, then compute/memory efficiency per class; "(default)" marks a class no measurement constrained.</summary>
    public static string Fitted(FitResult fit, string runtime)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var p = fit.Parameters;
        var parallel = p.ParallelOverheadUs > 0 ? string.Create(Invariant, $" (+{p.ParallelOverheadUs:F2} us measured when split across threads)") : string.Empty;
        return string.Create(Invariant, $"fitted {runtime}: kernel overhead {p.KernelOverheadUs:F2} us{parallel}; efficiency compute/memory: ")
            + string.Join(", ", p.Classes.OrderBy(kv => kv.Key).Select(kv => string.Create(Invariant,
                $"{kv.Key.Id()} {kv.Value.ComputeEfficiency:F2}/{kv.Value.MemoryEfficiency:F2}{(fit.Identified.Contains(kv.Key.Id() + ".compute") || fit.Identified.Contains(kv.Key.Id() + ".memory") ? string.Empty : " (default)")}")))
            + string.Create(Invariant, $"; memory overlap {p.MemoryOverlap:0.##}, matrix-product epilogue {p.EpilogueMacs:0.#} MACs per output (chosen over a grid).");
    }

    // Efficiencies are relative to the measured peaks; a class faster than them is folded into the written profile.
    private static IEnumerable<string> Headroom(RuntimeParameters p)
    {
        var (compute, memory) = ClassCalibration.Raise(p);
        if (compute > 1 || memory > 1)
        {
            yield return string.Create(Invariant,
                $"efficiencies above 1 beat the reference probes: the profile's fp32 peak is raised x{compute:F2} and its bandwidths x{memory:F2}, every efficiency divided by the same (times unchanged)");
        }
    }

    private static string N(int value) => value.ToString(Invariant);

    private static string F(double value, int digits) => value.ToString("F" + digits, Invariant);
}
