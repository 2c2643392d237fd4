using FlopScope.Inference;
using FlopScope.Profiling;

namespace FlopScope.Hardware;

/// <summary>
/// Estimates per-node time as max(compute time, memory time) + a per-kernel overhead, summed over the graph:
/// compute time = total FLOPs / (peak FLOP/s at the precision x compute efficiency); memory time = bytes read and
/// written / (bandwidth x memory efficiency), where a node whose bytes fit the device's cache (when it has a cache level
/// profile) streams at cache bandwidth. Nodes that run no kernel (views, metadata, folded constants) cost
/// nothing. The reasoning and defaults are in docs/estimator.md; results are estimates, not measurements.
/// </summary>
public static class RooflineEstimator
{
    /// <summary>Estimates <paramref name="report"/> on <paramref name="device"/>. Memory figures come from the report,
    /// so profile at the precision you estimate at (<see cref="ProfileOptions.Precision"/>).</summary>
    public static DeviceEstimate Estimate(ProfileReport report, DeviceProfile device, long? extraResidentBytes = null)
    {
        var precision = ComputePrecision(report);
        var attainableFlops = device.PeakFlops(precision) * device.ComputeEfficiency;
        var attainableBytes = device.MemoryBandwidthGBs * 1e9 * device.MemoryEfficiency;
        var cacheBytes = device.CacheBandwidthGBs is { } cacheBandwidth && device.CacheBytes is { } capacity
            ? (Bandwidth: cacheBandwidth * 1e9 * device.MemoryEfficiency, Capacity: capacity)
            : (Bandwidth: attainableBytes, Capacity: 0L);
        var overhead = device.KernelOverheadUs * 1e-6;
        var layers = report.Layers.Select(layer =>
        {
            if (layer.Free)
            {
                return new LayerEstimate(layer.Index, 0, 0, 0, Bound.None, true);
            }

            var counted = layer.Status == NodeStatus.Resolved;
            var compute = attainableFlops > 0 ? layer.TotalFlops / attainableFlops : 0;
            // A node whose whole working set fits in cache streams at cache bandwidth (two-level roofline).
            var memory = layer.Traffic.TotalBytes / (layer.Traffic.TotalBytes <= cacheBytes.Capacity ? cacheBytes.Bandwidth : attainableBytes);
            var bound = overhead > Math.Max(compute, memory) ? Bound.Overhead : compute >= memory ? Bound.Compute : Bound.Memory;
            var seconds = Math.Max(compute, memory) + overhead;
            return new LayerEstimate(layer.Index, compute, memory, overhead, bound, counted)
            {
                AttainedFlopsPerSecond = seconds > 0 ? layer.TotalFlops / seconds : 0,
            };
        }).ToArray();

        return new DeviceEstimate
        {
            Device = device,
            Precision = precision,
            RoofFlopsPerSecond = attainableFlops,
            RoofBytesPerSecond = attainableBytes,
            Batch = Batch(report),
            Layers = layers,
            RequiredBytes = report.Memory.TotalBytes + (extraResidentBytes ?? 0),
        };
    }

    /// <summary>The precision compute runs at: the report's memory precision, or the model's dominant parameter type.</summary>
    public static Precision ComputePrecision(ProfileReport report)
    {
        if (Memory.ElementSize.TryParse(report.Memory.Precision, out var p))
        {
            return p;
        }

        var dominant = report.Summary.Parameters.BytesByType.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).FirstOrDefault();
        return dominant switch
        {
            "fp16" => Precision.Fp16,
            "bf16" => Precision.Bf16,
            "int8" or "uint8" or "int4" or "uint4" => Precision.Int8,
            _ => Precision.Fp32,
        };
    }

    private static long Batch(ProfileReport report) =>
        report.Inputs.Count > 0 && report.Inputs[0].Shape.Rank > 0 && report.Inputs[0].Shape[0].IsKnown ? Math.Max(1, report.Inputs[0].Shape[0].Value) : 1;
}
