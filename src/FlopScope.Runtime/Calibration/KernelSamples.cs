using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;

namespace FlopScope.Runtime.Calibration;

/// <summary>The estimator's kernels of a profile, as the fit sees them.</summary>
public static class KernelSamples
{
    /// <summary>
    /// Detects the kernels of <paramref name="report"/> under <paramref name="runtime"/> and returns, for each, its
    /// class and its compute and memory time at efficiency 1 on <paramref name="device"/> (utilisation and the cache
    /// level included), so that the estimator's time of kernel k is exactly
    /// Combine(compute_k / compute efficiency, memory_k / memory efficiency) + overhead for any efficiencies the fit
    /// tries (the epilogue cost of shallow matrix products is inside compute_k). A kernel with a fused activation's
    /// second pass comes twice: itself, then the pass as an elementwise sample that is not launched.
    /// </summary>
    public static IReadOnlyList<(Kernel Kernel, KernelSample Sample)> Of(ProfileReport report, DeviceProfile device, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        var elementwise = KernelCosts.Efficiency(device, runtime, KernelClass.Elementwise);
        return RooflineEstimator.Estimate(report, device, runtime).Kernels.SelectMany(k =>
        {
            var e = KernelCosts.Efficiency(device, runtime, k.Kernel.Class);
            var own = (k.Kernel, new KernelSample(k.Kernel.Class, k.ComputeSeconds * e.ComputeEfficiency, k.MemorySeconds * e.MemoryEfficiency,
                KernelCosts.IsParallel(k.Kernel, device)));
            // A fused activation's second pass: elementwise memory traffic inside the kernel's launch.
            return k.PassSeconds > 0
                ? [own, (k.Kernel, new KernelSample(KernelClass.Elementwise, 0, k.PassSeconds * elementwise.MemoryEfficiency, Launched: false))]
                : new[] { own };
        }).ToArray();
    }

    /// <summary>The fit's starting point: what the estimator uses for <paramref name="device"/> under
    /// <paramref name="runtime"/> today (its runtimes section, else the runtime's defaults).</summary>
    public static RuntimeParameters Prior(DeviceProfile device, RuntimeProfile runtime) => new(
        KernelCosts.OverheadUs(device, runtime),
        KernelClasses.All.ToDictionary(c => c, c => KernelCosts.Efficiency(device, runtime, c)),
        KernelCosts.ParallelOverheadUs(device, runtime),
        KernelCosts.MemoryOverlap(device, runtime),
        KernelCosts.EpilogueMacs(device, runtime));

    /// <summary><paramref name="device"/> with the fitted figures as its <c>runtimes.&lt;runtime&gt;</c> section; what
    /// the fit does not set (a rule switch such as <c>call_reorders</c>) stays as the device had it.</summary>
    public static DeviceProfile WithRuntime(DeviceProfile device, string runtime, RuntimeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(parameters);
        return RuntimeSettings.Change(device, runtime, existing => existing with
        {
            KernelOverheadUs = Math.Round(parameters.KernelOverheadUs, 3),
            ParallelOverheadUs = parameters.ParallelOverheadUs > 0 ? Math.Round(parameters.ParallelOverheadUs, 3) : null,
            MemoryOverlap = Math.Round(parameters.MemoryOverlap, 3),
            EpilogueMacs = Math.Round(parameters.EpilogueMacs, 3),
            Classes = parameters.Classes.OrderBy(kv => kv.Key).ToDictionary(
                kv => kv.Key.Id(),
                kv => new ClassEfficiency(Significant(kv.Value.ComputeEfficiency), Significant(kv.Value.MemoryEfficiency))),
        });
    }

    // Four significant digits, not four decimals: an efficiency near the 0.01 floor would otherwise lose up to 0.5% and
    // the written profile would no longer reproduce the fit's own figures.
    private static double Significant(double value) =>
        value <= 0 ? value : Math.Round(value, Math.Clamp(3 - (int)Math.Floor(Math.Log10(value)), 0, 15));
}
