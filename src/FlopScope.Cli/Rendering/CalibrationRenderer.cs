using System.Globalization;
using FlopScope.Kernels;
using FlopScope.Runtime.Calibration;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Renders what the per-class calibration measured (each probe: measured vs fitted estimate) and the fitted
/// efficiencies.</summary>
internal sealed class CalibrationRenderer(IAnsiConsole console)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Render(ClassCalibrationResult result)
    {
        var probes = new Table().Border(TableBorder.Rounded)
            .Title("per-class probes (ort-cpu, fp32; measured = median run time minus the fixed cost of a run)");
        foreach (var (column, right) in new[] { ("probe", false), ("class", false), ("kernels", true), ("GFLOPs", true), ("MB moved", true), ("measured ms", true), ("estimated ms", true), ("est/meas", true) })
        {
            probes.AddColumn(right ? new TableColumn(column).RightAligned() : new TableColumn(column));
        }

        var parameters = result.Fit.Parameters;
        foreach (var p in result.Probes)
        {
            var estimated = parameters.Seconds(p.Observation);
            probes.AddRow(p.Probe.Id, p.Probe.KernelClass, p.Kernels.Count.ToString(Invariant),
                F(p.Kernels.Sum(k => k.Kernel.Flops) / 1e9, 4), F(p.Kernels.Sum(k => k.Kernel.TotalBytes) / 1e6, 2),
                F(p.NetSeconds * 1e3, 4), F(estimated * 1e3, 4), F(estimated / p.NetSeconds, 2));
        }

        console.Write(probes);
        console.WriteLine(Line(parameters, result.Fit));
        console.WriteLine(string.Create(Invariant, $"median probe error (max(est/meas, meas/est)): {result.Fit.MedianError:F2}x over {result.Probes.Count - 1} probes"));
        console.WriteLine(string.Create(Invariant, $"fixed cost of a run (subtracted): {result.RunCostSeconds * 1e6:F1} us"));
    }

    public void Render(BenchCalibrationResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(
            $"fit to bench results ({result.Runtime}, median latency; leave-one-model-out = fitted without that model)");
        foreach (var (column, right) in new[] { ("model", false), ("kernels", true), ("matched groups", true), ("measured ms", true), ("fitted ms", true), ("fitted/meas", true), ("left-out ms", true), ("left-out/meas", true) })
        {
            table.AddColumn(right ? new TableColumn(column).RightAligned() : new TableColumn(column));
        }

        foreach (var m in result.Models)
        {
            table.AddRow(m.Model, m.Kernels.ToString(Invariant), m.Matched.ToString(Invariant), F(m.MeasuredMs, 3), F(m.FittedMs, 3), F(m.FittedMs / m.MeasuredMs, 2),
                m.LeftOutMs is { } l ? F(l, 3) : "-", m.LeftOutMs is { } r ? F(r / m.MeasuredMs, 2) : "-");
        }

        console.Write(table);
        console.WriteLine(Line(result.Fit.Parameters, result.Fit, result.Runtime));
        console.WriteLine(string.Create(Invariant, $"fitted model error (max(est/meas, meas/est)): median {EfficiencyFit.Median(result.Models.Select(m => EfficiencyFit.Error(m.FittedMs, m.MeasuredMs)).ToArray()):F2}x over {result.Models.Count} models"));
        console.WriteLine(result.MedianLeaveOneOutError is { } e
            ? string.Create(Invariant, $"leave-one-model-out error (max(est/meas, meas/est)): median {e:F2}x over {result.Models.Count} models, worst {result.Models.Max(m => m.LeftOutError!.Value):F2}x")
            : "leave-one-model-out error: needs at least two models");
    }

    /// <summary>One line per fit: overhead, then compute/memory efficiency per class, with the median error.</summary>
    public static string Line(RuntimeParameters parameters, FitResult fit, string runtime = "ort-cpu") => string.Create(Invariant,
        $"fitted {runtime}: kernel overhead {parameters.KernelOverheadUs:F2} us; efficiency compute/memory: ")
        + string.Join(", ", parameters.Classes.OrderBy(kv => kv.Key).Select(kv => string.Create(Invariant,
            $"{kv.Key.Id()} {kv.Value.ComputeEfficiency:F2}/{kv.Value.MemoryEfficiency:F2}{(fit.Identified.Contains(kv.Key.Id() + ".compute") || fit.Identified.Contains(kv.Key.Id() + ".memory") ? string.Empty : " (default)")}")))
        + ".";

    private static string F(double value, int digits) => value.ToString("F" + digits, Invariant);
}
