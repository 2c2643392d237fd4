using FlopScope.Hardware;
using FlopScope.Kernels;

namespace FlopScope.Runtime.Calibration;

/// <summary>One probe as measured and as fitted.</summary>
/// <param name="Probe">The probe.</param>
/// <param name="MedianSeconds">Median run time (median over rounds of each round's median), s.</param>
/// <param name="NetSeconds">Median minus the fixed cost of a run: the time of its kernels, s.</param>
/// <param name="Kernels">The estimator's kernels of the probe under the runtime.</param>
public sealed record ProbeTiming(MicroBenchmark Probe, double MedianSeconds, double NetSeconds, IReadOnlyList<(Kernel Kernel, KernelSample Sample)> Kernels)
{
    /// <summary>The probe as a fit observation.</summary>
    public FitObservation Observation => new(Probe.Id, Kernels.Select(k => k.Sample).ToArray(), NetSeconds);
}

/// <summary>What the per-class calibration measured and fitted.</summary>
/// <param name="Probes">Every probe's timing.</param>
/// <param name="RunCostSeconds">Fixed cost of one run (session call, input binding), subtracted from every probe.</param>
/// <param name="Fit">The fitted efficiencies and overhead.</param>
/// <param name="ParallelOverheadSeconds">Extra fixed cost of a kernel split across the thread pool, measured by the
/// parallel-kernel probe (held fixed in the fit).</param>
public sealed record ClassCalibrationResult(IReadOnlyList<ProbeTiming> Probes, double RunCostSeconds, FitResult Fit, double ParallelOverheadSeconds = 0);

/// <summary>
/// Measures per-class efficiencies on this machine: every probe of <see cref="MicroBenchmarks"/> is timed as
/// <c>flopscope bench</c> times a model (graph optimization all, the same threads, median; <see cref="ProbeTimer"/>),
/// in rounds that interleave the probes so a burst of
/// load on a shared machine touches one round of every probe rather than every round of one. The fixed cost of a run
/// is the one-Relu probe minus one kernel (the 200-Relu chain gives the per-kernel cost) and is subtracted from every
/// probe. The parallel dispatch cost is measured, not fitted: the per-kernel time of the chain of tiny parallelised
/// convolutions minus the tiny-Relu per-kernel cost and the kernels' own work at efficiency 1
/// (<see cref="ParallelOverhead"/>). The rest is fitted to the estimator's kernels of each probe
/// (<see cref="EfficiencyFit"/>, with conv and depthwise memory efficiencies tied to the streaming one,
/// <see cref="FitConstraints.Streaming"/>).
/// </summary>
public static class ClassCalibration
{
    /// <summary>Measures and fits on <paramref name="device"/> (whose peaks and bandwidth the efficiencies are relative
    /// to) under <paramref name="runtime"/>.</summary>
    public static ClassCalibrationResult Run(DeviceProfile device, RuntimeProfile runtime, CalibrateOptions options, IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(options);
        var probes = MicroBenchmarks.All();
        var medians = probes.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < Math.Max(1, options.Rounds); round++)
        {
            progress?.Report($"kernel classes: {probes.Count} probes, round {round + 1} of {Math.Max(1, options.Rounds)}");
            for (var i = 0; i < probes.Count; i++)
            {
                medians[i].Add(ProbeTimer.MedianSeconds(probes[i], options.Threads, options.DurationPerProbe, cancellationToken));
            }
        }

        return Fit(device, runtime, probes, medians.Select(m => EfficiencyFit.Median(m)).ToArray());
    }

    /// <summary>
    /// Fits <paramref name="device"/> under <paramref name="runtime"/> to probes already timed: <paramref name="median"/>
    /// holds each probe's median seconds per run, in the order of <paramref name="probes"/>, which must include the
    /// run-cost, 200-Relu and parallel-cost probes. Separate from <see cref="Run"/> so that timings taken once can be
    /// refitted (a newer estimator, another device base) without measuring again.
    /// </summary>
    public static ClassCalibrationResult Fit(DeviceProfile device, RuntimeProfile runtime, IReadOnlyList<MicroBenchmark> probes, IReadOnlyList<double> median)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(median);
        if (median.Count != probes.Count)
        {
            throw new ArgumentException($"{median.Count} medians for {probes.Count} probes.", nameof(median));
        }

        var index = probes.Select((p, i) => (p.Id, i)).DistinctBy(x => x.Id).ToDictionary(x => x.Id, x => x.i);
        double Of(string id) => median[index[id]];
        // The chain and the one-Relu probe differ by all but one of the chain's kernels.
        var perKernel = Math.Max(0, (Of(MicroBenchmarks.KernelCostId) - Of(MicroBenchmarks.RunCostId)) / (MicroBenchmarks.KernelCostChain - 1));
        var runCost = Math.Max(0, Of(MicroBenchmarks.RunCostId) - perKernel);
        var profiles = probes.Select(p => Profiling.Profiler.Profile(p.Model)).ToArray();
        (ClassCalibrationResult Result, double Error) FitAt(DeviceProfile structured)
        {
            var timings = probes.Select((p, i) => new ProbeTiming(p, median[i], Math.Max(median[i] - runCost, 1e-7),
                KernelSamples.Of(profiles[i], structured, runtime))).ToArray();
            var parallelProbe = timings.Single(t => t.Probe.Id == MicroBenchmarks.ParallelCostId);
            var parallel = ParallelOverhead(parallelProbe, perKernel);

            // The one-Relu probe only serves to measure the run cost: as an observation it would say nothing new.
            var observations = timings.Where(t => t.Probe.Id != MicroBenchmarks.RunCostId && t.Kernels.Count > 0).Select(t => t.Observation).ToArray();
            var prior = KernelSamples.Prior(structured, runtime) with { ParallelOverheadUs = parallel * 1e6 };
            var fit = EfficiencyFit.Fit(observations, prior, constraints: FitConstraints.Streaming, maxComputeEfficiency: ReferenceHeadroom);

            // The first estimate of the dispatch cost takes the probe's kernels at efficiency 1, so it also holds their
            // shortfall from it; measured again against the fitted kernels, it converges in a few passes.
            for (var pass = 0; pass < 3; pass++)
            {
                parallel = ParallelOverhead(parallelProbe, perKernel, fit.Parameters);
                fit = EfficiencyFit.Fit(observations, prior with { ParallelOverheadUs = parallel * 1e6 }, constraints: FitConstraints.Streaming, maxComputeEfficiency: ReferenceHeadroom);
            }

            return (new ClassCalibrationResult(timings, runCost, fit, parallel), StructureSearch.GeometricError(fit.Parameters, observations));
        }

        // Overlap and epilogue cost are structural: each grid pair gets a full fit, the best-matching one is kept.
        return StructureSearch.Best(device, runtime, FitAt, r => r.Error).Result;
    }

    /// <summary>
    /// Highest compute efficiency the probe fit may give. The peak the efficiencies are relative to is itself measured
    /// (the best run of a 1024x1024 MatMul chain), so a class may beat it: MLAS's NCHWc convolutions often run faster
    /// than the MatMul chain, and a peak measured during a burst of load is low. Capped at 1, such a class would be
    /// estimated at the reference rate; <see cref="Normalised"/> then folds the excess into the peak. Memory
    /// efficiencies stay capped at 1: a small in-cache Add beats the cache-bandwidth figure (it stays in L2), but
    /// raising the bandwidths to it would make every model kernel with a multi-MiB working set too fast.
    /// </summary>
    public const double ReferenceHeadroom = 4;

    /// <summary>How far <see cref="Normalised"/> raises the peaks and the bandwidths so that no efficiency exceeds 1:
    /// the largest fitted compute and memory efficiency, each at least 1.</summary>
    public static (double Compute, double Memory) Raise(RuntimeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return (Math.Max(1, parameters.Classes.Values.Select(e => e.ComputeEfficiency).DefaultIfEmpty(1).Max()),
            Math.Max(1, parameters.Classes.Values.Select(e => e.MemoryEfficiency).DefaultIfEmpty(1).Max()));
    }

    /// <summary>
    /// <paramref name="device"/> and <paramref name="parameters"/> rescaled so every efficiency is at most 1: when a
    /// class's compute (memory) efficiency exceeds 1, the fp32 peak (the DRAM and cache bandwidths) is raised by the
    /// largest such factor and every class's compute (memory) efficiency divided by it. Each kernel's estimated time
    /// is unchanged; the device stays a valid catalogue entry (efficiencies in (0, 1]).
    /// </summary>
    public static (DeviceProfile Device, RuntimeParameters Parameters, double ComputeScale, double MemoryScale) Normalised(DeviceProfile device, RuntimeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(parameters);
        var (compute, memory) = Raise(parameters);
        var scaled = parameters with
        {
            Classes = parameters.Classes.ToDictionary(kv => kv.Key, kv => new ClassEfficiency(kv.Value.ComputeEfficiency / compute, kv.Value.MemoryEfficiency / memory)),
        };
        var rescaled = device with
        {
            PeakTflops = device.PeakTflops.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value * compute, 6)),
            MemoryBandwidthGBs = Math.Round(device.MemoryBandwidthGBs * memory, 3),
            CacheBandwidthGBs = device.CacheBandwidthGBs is { } cache ? Math.Round(cache * memory, 3) : null,
        };
        return (rescaled, scaled, compute, memory);
    }

    /// <summary>
    /// The parallel dispatch cost, s, from a probe of tiny kernels the runtime splits across its threads: its net time
    /// minus, per kernel, the fixed cost of a single-threaded kernel (<paramref name="perKernelSeconds"/>) and the
    /// kernel's own work at efficiency 1 (max of its compute and memory terms), shared among its parallel kernels;
    /// 0 when nothing is left (a runtime that runs them on one thread). Given <paramref name="fitted"/> parameters, a
    /// kernel's own time is its fitted time without the dispatch cost (overhead and efficiencies as fitted).
    /// </summary>
    public static double ParallelOverhead(ProbeTiming probe, double perKernelSeconds, RuntimeParameters? fitted = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var split = probe.Kernels.Count(k => k.Sample.Parallel);
        if (split == 0)
        {
            return 0;
        }

        // With fitted parameters, a kernel's own time is the fitted one without the dispatch cost being measured.
        var withoutDispatch = fitted is null ? null : fitted with { ParallelOverheadUs = 0 };
        var own = withoutDispatch is null
            ? probe.Kernels.Sum(k => Math.Max(k.Sample.ComputeSeconds, k.Sample.MemorySeconds) + (k.Sample.Launched ? perKernelSeconds : 0))
            : probe.Kernels.Sum(k => withoutDispatch.Seconds(k.Sample));
        return Math.Max(0, (probe.NetSeconds - own) / split);
    }
}
