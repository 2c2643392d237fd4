using FlopScope.Hardware;

namespace FlopScope.Kernels;

/// <summary>
/// Efficiency and overhead of a (device, runtime, class), by the lookup order of docs/estimator.md:
/// the device's <c>runtimes[runtime].classes[class]</c> (absolute, measured or tuned) -> the runtime's default for
/// the class x the device-level compute/memory efficiency. Overhead: the device's
/// <c>runtimes[runtime].kernel_overhead_us</c> -> the runtime's default for the device kind -> the device-level
/// <c>kernel_overhead_us</c>.
/// </summary>
public static class KernelCosts
{
    /// <summary>(compute, memory) efficiency of <paramref name="kernelClass"/> on <paramref name="device"/> under <paramref name="runtime"/>.</summary>
    public static ClassEfficiency Efficiency(DeviceProfile device, RuntimeProfile runtime, KernelClass kernelClass)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        if (Settings(device, runtime)?.Classes is { } classes)
        {
            foreach (var (key, value) in classes)
            {
                if (KernelClasses.TryParse(key, out var c) && c == kernelClass)
                {
                    return value;
                }
            }
        }

        var table = runtime.ClassesByKind.TryGetValue(device.Kind, out var byKind) ? byKind : runtime.Classes;
        var relative = table.GetValueOrDefault(kernelClass) ?? new ClassEfficiency(1, 1);
        return new ClassEfficiency(
            Math.Min(1, relative.ComputeEfficiency * device.ComputeEfficiency),
            Math.Min(1, relative.MemoryEfficiency * device.MemoryEfficiency));
    }

    /// <summary>Per-kernel overhead in microseconds on <paramref name="device"/> under <paramref name="runtime"/>.</summary>
    public static double OverheadUs(DeviceProfile device, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        return Settings(device, runtime)?.KernelOverheadUs
            ?? (runtime.KernelOverheadUs.TryGetValue(device.Kind, out var byKind) ? byKind : device.KernelOverheadUs);
    }

    /// <summary>Extra per-kernel time, µs, of a kernel split across the runtime's threads
    /// (<see cref="IsParallel"/>): the device's <c>runtimes.&lt;runtime&gt;.parallel_overhead_us</c>, else 0.</summary>
    public static double ParallelOverheadUs(DeviceProfile device, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        return Math.Max(0, Settings(device, runtime)?.ParallelOverheadUs ?? 0);
    }

    /// <summary>Per-output accumulator and epilogue cost of matrix products, in multiply-accumulates: the device's
    /// <c>runtimes.&lt;runtime&gt;.epilogue_macs</c>, else 0 (measured per device by <c>calibrate</c>).</summary>
    public static double EpilogueMacs(DeviceProfile device, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        return Math.Max(0, Settings(device, runtime)?.EpilogueMacs ?? 0);
    }

    /// <summary>Overlap of memory transfer with computation, 0-1: the device's
    /// <c>runtimes.&lt;runtime&gt;.memory_overlap</c>, else 1 (the plain roofline; measured per device by
    /// <c>calibrate</c>).</summary>
    public static double MemoryOverlap(DeviceProfile device, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        return Math.Clamp(Settings(device, runtime)?.MemoryOverlap ?? 1, 0, 1);
    }

    /// <summary>A kernel's time from its compute and memory terms: max(compute, memory) + (1 - overlap) x min(compute,
    /// memory). Overlap 1 is the plain roofline; 0 adds the two (no transfer hides behind arithmetic).</summary>
    public static double Combine(double computeSeconds, double memorySeconds, double overlap) =>
        Math.Max(computeSeconds, memorySeconds) + ((1 - Math.Clamp(overlap, 0, 1)) * Math.Min(computeSeconds, memorySeconds));

    /// <summary>Whether the runtime splits <paramref name="kernel"/> across the device's parallel units: it moves or
    /// computes something (a copy-free view runs no threads) and its parallel work is more than one task on a device
    /// with more than one unit.</summary>
    public static bool IsParallel(Kernel kernel, DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(device);
        return device.ParallelUnits is > 1 && kernel.ParallelWork > 1 && (kernel.Flops > 0 || kernel.TotalBytes > 0);
    }

    private static RuntimeSettings? Settings(DeviceProfile device, RuntimeProfile runtime) => RuntimeSettings.Of(device, runtime.Id);
}
