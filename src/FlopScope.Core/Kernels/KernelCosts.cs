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

    private static RuntimeSettings? Settings(DeviceProfile device, RuntimeProfile runtime) =>
        device.Runtimes?.FirstOrDefault(kv => string.Equals(kv.Key, runtime.Id, StringComparison.OrdinalIgnoreCase)).Value;
}
