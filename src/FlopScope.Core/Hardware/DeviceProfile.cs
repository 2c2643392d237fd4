using System.Text.Json.Serialization;

namespace FlopScope.Hardware;

/// <summary>
/// A device the estimator can time a model on: peak compute per precision, memory bandwidth and size, power, the
/// efficiency factors and per-kernel overhead of the roofline model, and the source of every figure. The same JSON
/// shape is used by the built-in catalogue, by <c>--devices FILE</c> and by <c>flopscope calibrate</c>.
/// </summary>
/// <remarks>Members with defaults have setters so that source-generated JSON keeps the default when a file omits them
/// (init-only members would be reset to zero).</remarks>
public sealed record DeviceProfile
{
    /// <summary>Short id used on the command line: <c>rpi5</c>, <c>t4</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Full name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>cpu, gpu, npu or soc.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "cpu";

    /// <summary>Dense peak throughput in TFLOP/s (TOPS for int8) per precision: keys fp32, fp16, bf16, int8.
    /// A precision the device lacks is absent; the estimator then falls back to the next wider one.</summary>
    [JsonPropertyName("peak_tflops")]
    public required IReadOnlyDictionary<string, double> PeakTflops { get; init; }

    /// <summary>Memory bandwidth in GB/s (10^9 bytes per second).</summary>
    [JsonPropertyName("memory_bandwidth_gbs")]
    public required double MemoryBandwidthGBs { get; init; }

    /// <summary>Bandwidth in GB/s of the on-chip cache level that holds small working sets; null when not modelled.</summary>
    [JsonPropertyName("cache_bandwidth_gbs")]
    public double? CacheBandwidthGBs { get; init; }

    /// <summary>Largest activation working set (bytes a kernel reads and writes, weights aside) served at
    /// <see cref="CacheBandwidthGBs"/>; weights are served there only when all of the model's fit (docs/estimator.md).</summary>
    [JsonPropertyName("cache_bytes")]
    public long? CacheBytes { get; init; }

    /// <summary>Memory available to the model in GB (10^9 bytes); null when not bounded (host memory).</summary>
    [JsonPropertyName("memory_gb")]
    public double? MemoryGB { get; init; }

    /// <summary>Typical board or device power under load in watts; null when unknown.</summary>
    [JsonPropertyName("power_w")]
    public double? PowerW { get; init; }

    /// <summary>Fraction of peak compute reached by real kernels (0-1]. Default 0.5.</summary>
    [JsonPropertyName("compute_efficiency")]
    public double ComputeEfficiency { get; set; } = 0.5;

    /// <summary>Fraction of peak bandwidth reached by real kernels (0-1]. Default 0.7.</summary>
    [JsonPropertyName("memory_efficiency")]
    public double MemoryEfficiency { get; set; } = 0.7;

    /// <summary>Fixed time per executed kernel (launch, dispatch, framework) in microseconds. Default 5.</summary>
    [JsonPropertyName("kernel_overhead_us")]
    public double KernelOverheadUs { get; set; } = 5;

    /// <summary>The runtime the device usually runs models under (<c>ort-cpu</c>, <c>tensorrt</c>, ...): used when no
    /// runtime is named. Null: the first built-in runtime for the device's kind.</summary>
    [JsonPropertyName("runtime")]
    public string? Runtime { get; set; }

    /// <summary>Units that run work items in parallel: CPU cores, GPU SMs (compute units), NPU cores. Drives the
    /// utilisation of small kernels; null = every kernel fills the device.</summary>
    [JsonPropertyName("parallel_units")]
    public int? ParallelUnits { get; set; }

    /// <summary>Channels per block of ONNX Runtime's NCHWc layout on this CPU (MLAS: 16 with AVX-512, 8 with AVX2);
    /// null = the CPU has no NCHWc kernels (ARM) and ort-cpu inserts no layout reorders.</summary>
    [JsonPropertyName("nchwc_block")]
    public int? NchwcBlock { get; set; }

    /// <summary>Measured or tuned figures per runtime id: per-class efficiencies and per-kernel overhead, overriding
    /// the runtime's defaults (docs/estimator.md, "Efficiency lookup").</summary>
    [JsonPropertyName("runtimes")]
    public IReadOnlyDictionary<string, Kernels.RuntimeSettings>? Runtimes { get; set; }

    /// <summary>Where each figure comes from: field name to source text.</summary>
    [JsonPropertyName("sources")]
    public IReadOnlyDictionary<string, string> Sources { get; set; } = new Dictionary<string, string>();

    /// <summary>Free-form note (e.g. how it was calibrated).</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    /// <summary>Peak FLOP/s at <paramref name="precision"/>, falling back to wider precisions the device has.</summary>
    public double PeakFlops(Precision precision)
    {
        string[] order = precision switch
        {
            Precision.Int8 => ["int8", "fp16", "bf16", "fp32"],
            Precision.Fp16 => ["fp16", "bf16", "fp32"],
            Precision.Bf16 => ["bf16", "fp16", "fp32"],
            _ => ["fp32"],
        };
        foreach (var key in order)
        {
            if (PeakTflops.TryGetValue(key, out var t) && t > 0)
            {
                return t * 1e12;
            }
        }

        return PeakTflops.Values.Where(v => v > 0).DefaultIfEmpty(0).Max() * 1e12;
    }
}
