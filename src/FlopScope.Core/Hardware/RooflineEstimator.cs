using FlopScope.Kernels;
using FlopScope.Profiling;

namespace FlopScope.Hardware;

/// <summary>
/// Estimates a model's time on a device under a runtime, kernel by kernel: <see cref="KernelDetector"/> groups the
/// nodes into the kernels the runtime launches; each kernel takes max(compute time, memory time), plus the part of
/// the shorter that does not overlap (the device's memory_overlap, default full), + the runtime's per-kernel overhead,
/// where compute time = FLOPs / (peak at the precision x the class's compute efficiency x compute utilisation x the
/// epilogue share of shallow matrix products) and memory time = bytes entering and leaving the kernel / (bandwidth x
/// the class's memory efficiency x memory utilisation); on a device with a cache profile the activations a kernel reads
/// and those it writes each stream at cache bandwidth when they fit, its weights only when all of the model's weights fit;
/// a fused activation the runtime applies in a second pass adds that pass's traffic from cache. Per-layer figures split each kernel's time among its nodes by FLOPs. The reasoning and
/// defaults are in docs/estimator.md; results are estimates, not measurements.
/// </summary>
public static class RooflineEstimator
{
    /// <summary>Estimates <paramref name="report"/> on <paramref name="device"/> under the built-in runtime
    /// <paramref name="runtime"/> (null: the device's usual runtime). Memory figures come from the report, so profile
    /// at the precision you estimate at (<see cref="ProfileOptions.Precision"/>).</summary>
    /// <exception cref="Errors.FlopScopeException">Unknown runtime, or one that does not run on the device's kind.</exception>
    public static DeviceEstimate Estimate(ProfileReport report, DeviceProfile device, string? runtime = null, long? extraResidentBytes = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Estimate(report, device, RuntimeCatalog.BuiltIn.For(device, runtime), extraResidentBytes);
    }

    /// <summary>Estimates <paramref name="report"/> on <paramref name="device"/> under <paramref name="runtime"/>.</summary>
    public static DeviceEstimate Estimate(ProfileReport report, DeviceProfile device, RuntimeProfile runtime, long? extraResidentBytes = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        // The device decides the blocked layout (its nchwc_block), whichever way the runtime was obtained.
        runtime = RuntimeCatalog.OnDevice(runtime, device);
        var precision = ComputePrecision(report);
        var peak = device.PeakFlops(precision);
        var bandwidth = device.MemoryBandwidthGBs * 1e9;
        var baseOverhead = KernelCosts.OverheadUs(device, runtime) * 1e-6;
        var parallelOverhead = KernelCosts.ParallelOverheadUs(device, runtime) * 1e-6;
        var epilogue = KernelCosts.EpilogueMacs(device, runtime);
        var overlap = KernelCosts.MemoryOverlap(device, runtime);
        var detected = KernelDetector.Detect(report, runtime);
        // Weights are read once per inference: from cache only when all of them stay there between inferences.
        var weightBytes = detected.Sum(k => k.WeightBytes);
        var weightsResident = device.CacheBytes is { } cacheBytes && weightBytes <= cacheBytes;
        var kernels = detected.Select(kernel =>
        {
            // A kernel split across a thread pool also pays for waking and joining it (calibrated CPU profiles).
            var overhead = baseOverhead + (KernelCosts.IsParallel(kernel, device) ? parallelOverhead : 0);
            var efficiency = KernelCosts.Efficiency(device, runtime, kernel.Class);
            var computeUse = Utilisation.Compute(kernel.ParallelWork, device.ParallelUnits);
            var memoryUse = Utilisation.Memory(Utilisation.MemoryWork(kernel, runtime), device.ParallelUnits, runtime.MemorySaturation);
            var kernelPeak = kernel.Precision is { } own ? device.PeakFlops(own) : Tf32Math.PeakFlops(device, precision, runtime, kernel.Class);
            // A shallow matrix product spends part of its time on each output's accumulators and epilogue.
            var depthUse = kernel.Class is KernelClass.Conv or KernelClass.Gemm ? Utilisation.Reduction(kernel.ReductionDepth, epilogue) : 1;
            var compute = kernelPeak > 0 ? kernel.Flops / (kernelPeak * efficiency.ComputeEfficiency * computeUse * depthUse) : 0;
            // Two-level roofline: the activations a kernel reads (the previous kernel just wrote them) and those it
            // writes each stream at cache bandwidth when that side fits in cache; weights come from memory unless the
            // whole model's weights stay cached between inferences. An element-by-element copy is bound by its
            // per-element steps, not by the level it reads from: one rate.
            var activationsRead = kernel.BytesRead - kernel.WeightBytes;
            var cacheRate = device.CacheBandwidthGBs is { } cache && device.CacheBytes is not null ? cache * 1e9 : bandwidth;
            double Rate(long bytes) => device.CacheBytes is { } capacity && bytes <= capacity && kernel.Class != KernelClass.StridedCopy ? cacheRate : bandwidth;
            var weightRate = weightsResident ? cacheRate : bandwidth;
            var memory = ((activationsRead / Rate(activationsRead)) + (kernel.BytesWritten / Rate(kernel.BytesWritten)) + (kernel.WeightBytes / weightRate)) / (efficiency.MemoryEfficiency * memoryUse);
            // A fused activation applied in a second pass re-reads and re-writes the rows the kernel has just written:
            // streamed from cache at the elementwise class's memory efficiency (its arithmetic stays in the compute term).
            var pass = kernel.PassBytes > 0
                ? kernel.PassBytes / (cacheRate * KernelCosts.Efficiency(device, runtime, KernelClass.Elementwise).MemoryEfficiency * memoryUse)
                : 0;
            // Where transfers do not hide behind arithmetic (CPUs), part of the shorter term adds to the longer one.
            var busy = KernelCosts.Combine(compute, memory, overlap) + pass;
            var bound = overhead > busy ? Bound.Overhead : compute >= memory ? Bound.Compute : Bound.Memory;
            return new KernelEstimate
            {
                Kernel = kernel, ComputeSeconds = compute, MemorySeconds = memory, PassSeconds = pass, OverheadSeconds = overhead, Overlap = overlap,
                ComputeUtilisation = computeUse, MemoryUtilisation = memoryUse, Bound = bound,
            };
        }).ToArray();

        var layers = report.Layers.Select(l => new LayerEstimate(l.Index, 0, 0, 0, Bound.None, true, 0)).ToArray();
        foreach (var k in kernels)
        {
            var members = k.Kernel.Nodes.Count > 0 ? k.Kernel.Nodes : [k.Kernel.Layer];
            var flops = members.Sum(i => (double)report.Layers[i].TotalFlops);
            foreach (var i in members)
            {
                var share = flops > 0 ? report.Layers[i].TotalFlops / flops : 1.0 / members.Count;
                var previous = layers[i];
                var layer = new LayerEstimate(i, previous.ComputeSeconds + (share * k.ComputeSeconds), previous.MemorySeconds + (share * k.MemorySeconds),
                    previous.OverheadSeconds + (share * k.OverheadSeconds), k.Bound, k.Kernel.Counted && previous.Counted,
                    previous.BusySeconds + (share * (k.Seconds - k.OverheadSeconds)));
                layers[i] = layer with { AttainedFlopsPerSecond = layer.Seconds > 0 ? report.Layers[i].TotalFlops / layer.Seconds : 0 };
            }
        }

        var conv = KernelCosts.Efficiency(device, runtime, KernelClass.Conv);
        return new DeviceEstimate
        {
            Device = device,
            Runtime = runtime.Id,
            Precision = precision,
            RoofFlopsPerSecond = peak * conv.ComputeEfficiency,
            RoofBytesPerSecond = bandwidth * conv.MemoryEfficiency,
            Batch = Batch(report),
            Layers = layers,
            Kernels = kernels,
            RequiredBytes = report.Memory.TotalBytes + (extraResidentBytes ?? 0),
        };
    }

    /// <summary>The precision compute runs at: the report's memory precision, or the model's dominant parameter type.</summary>
    public static Precision ComputePrecision(ProfileReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
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
