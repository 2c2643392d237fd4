using FlopScope.Hardware;
using FlopScope.Kernels;

namespace FlopScope.Runtime.Calibration;

/// <summary>
/// Chooses the two structural figures of the per-kernel model that <see cref="EfficiencyFit"/> holds fixed: the
/// overlap of memory transfer with computation (<see cref="KernelCosts.MemoryOverlap"/>) and the per-output epilogue
/// cost of matrix products (<see cref="Utilisation.Reduction"/>). Each pair of a small grid is fitted in full and the
/// pair whose fit matches the measurements best (geometric mean of max(est/meas, meas/est)) wins; both figures are per
/// device and runtime, like the efficiencies (docs/estimator.md, "Structure" under per-class calibration).
/// </summary>
public static class StructureSearch
{
    /// <summary>Epilogue costs tried, MACs per output (0: not modelled).</summary>
    public static IReadOnlyList<double> EpilogueMacsGrid { get; } = [0, 4, 8, 16, 32, 64];

    /// <summary>Overlaps tried (1: the plain roofline, 0: compute and memory add).</summary>
    public static IReadOnlyList<double> OverlapGrid { get; } = [0, 0.25, 0.5, 0.75, 1];

    /// <summary><paramref name="device"/> with the two figures set in its <c>runtimes.&lt;runtime&gt;</c> section (the
    /// rest of the section kept).</summary>
    public static DeviceProfile With(DeviceProfile device, string runtime, double epilogueMacs, double overlap)
    {
        ArgumentNullException.ThrowIfNull(device);
        return RuntimeSettings.Change(device, runtime, s => s with { EpilogueMacs = epilogueMacs, MemoryOverlap = overlap });
    }

    /// <summary>Runs <paramref name="fitAt"/> on <paramref name="device"/> at every grid pair and returns the result
    /// with the lowest <paramref name="error"/> (ties: the earlier pair, i.e. less structure).</summary>
    public static T Best<T>(DeviceProfile device, RuntimeProfile runtime, Func<DeviceProfile, T> fitAt, Func<T, double> error)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(fitAt);
        ArgumentNullException.ThrowIfNull(error);
        var best = default(T);
        var bestError = double.PositiveInfinity;
        foreach (var overlap in OverlapGrid.Reverse())
        {
            foreach (var epilogue in EpilogueMacsGrid)
            {
                var result = fitAt(With(device, runtime.Id, epilogue, overlap));
                var e = error(result);
                if (e < bestError - 1e-9)
                {
                    (best, bestError) = (result, e);
                }
            }
        }

        return best!;
    }

    /// <summary>Geometric mean over <paramref name="observations"/> (by weight) of max(est/meas, meas/est) under
    /// <paramref name="parameters"/>.</summary>
    public static double GeometricError(RuntimeParameters parameters, IReadOnlyList<FitObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(observations);
        var usable = observations.Where(o => o.MeasuredSeconds > 0 && o.Weight > 0 && o.Kernels.Count > 0).ToArray();
        var weight = usable.Sum(o => o.Weight);
        return weight > 0 ? Math.Exp(usable.Sum(o => o.Weight * Math.Abs(Math.Log(parameters.Seconds(o) / o.MeasuredSeconds))) / weight) : double.PositiveInfinity;
    }
}
