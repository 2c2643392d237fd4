using System.Text.Json.Serialization;

namespace FlopScope.Kernels;

/// <summary>
/// A device profile's figures for one runtime (<c>"runtimes": {"ort-cpu": {...}}</c>): absolute per-class
/// efficiencies and the per-kernel overhead, as <c>flopscope calibrate</c> measures or fits them. Anything absent
/// falls back to the runtime's built-in defaults scaled by the device-level efficiencies (docs/estimator.md).
/// </summary>
public sealed record RuntimeSettings
{
    /// <summary>The section of <paramref name="device"/> for runtime <paramref name="runtimeId"/> (ids compare without
    /// case), or null.</summary>
    public static RuntimeSettings? Of(Hardware.DeviceProfile device, string runtimeId)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Runtimes?.FirstOrDefault(kv => string.Equals(kv.Key, runtimeId, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary><paramref name="device"/> with its section for <paramref name="runtimeId"/> replaced by
    /// <paramref name="change"/> of it (of an empty section when it has none); the other runtimes' sections kept.</summary>
    public static Hardware.DeviceProfile Change(Hardware.DeviceProfile device, string runtimeId, Func<RuntimeSettings, RuntimeSettings> change)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(change);
        var runtimes = new Dictionary<string, RuntimeSettings>(device.Runtimes ?? new Dictionary<string, RuntimeSettings>(), StringComparer.OrdinalIgnoreCase);
        runtimes[runtimeId] = change(runtimes.TryGetValue(runtimeId, out var existing) ? existing : new RuntimeSettings());
        return device with { Runtimes = runtimes };
    }

    /// <summary>Fixed time per kernel (dispatch, launch) in microseconds; null = the runtime's default.</summary>
    [JsonPropertyName("kernel_overhead_us")]
    public double? KernelOverheadUs { get; set; }

    /// <summary>Extra fixed time, in microseconds, of a kernel the runtime splits across its thread pool (waking the
    /// workers and joining them), on top of <see cref="KernelOverheadUs"/>; measured by <c>flopscope calibrate</c>'s
    /// parallel-kernel probe; null = none (the default overhead already averages it in).</summary>
    [JsonPropertyName("parallel_overhead_us")]
    public double? ParallelOverheadUs { get; set; }

    /// <summary><c>false</c> on a device whose PyTorch build has no oneDNN (Apple silicon: macOS arm64 wheels are built
    /// with USE_MKLDNN off), so eager convolutions take PyTorch's native path without the per-call reorders of
    /// <see cref="CallReorderRule"/>; null = the runtime's default for the device's kind.</summary>
    [JsonPropertyName("call_reorders")]
    public bool? CallReorders { get; set; }

    /// <summary>Per-output cost of a matrix product's accumulators and epilogue (loading and storing the output tile,
    /// bias, activation), in multiply-accumulates of the same kernel: a product of reduction depth K runs at
    /// K / (K + epilogue_macs) of its class's compute rate (docs/estimator.md, "Time", matrix-product epilogue); null = 0.</summary>
    [JsonPropertyName("epilogue_macs")]
    public double? EpilogueMacs { get; set; }

    /// <summary>How much of a kernel's memory transfer overlaps its computation, 0-1: time = max(compute, memory) +
    /// (1 - overlap) x min(compute, memory) (docs/estimator.md, "Time", memory overlap); null = 1.</summary>
    [JsonPropertyName("memory_overlap")]
    public double? MemoryOverlap { get; set; }

    /// <summary>Efficiencies by class id (<c>conv</c>, <c>depthwise_conv</c>, <c>gemm</c>, <c>attention</c>,
    /// <c>elementwise</c>, <c>normalization</c>, <c>pooling</c>, <c>data_movement</c>).</summary>
    [JsonPropertyName("classes")]
    public IReadOnlyDictionary<string, ClassEfficiency> Classes { get; set; } = new Dictionary<string, ClassEfficiency>();
}
