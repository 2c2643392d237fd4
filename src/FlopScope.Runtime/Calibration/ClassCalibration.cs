using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;

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
public sealed record ClassCalibrationResult(IReadOnlyList<ProbeTiming> Probes, double RunCostSeconds, FitResult Fit);

/// <summary>
/// Measures per-class efficiencies on this machine: every probe of <see cref="MicroBenchmarks"/> is written as an ONNX
/// file and timed by <see cref="OnnxModelBenchmark"/> exactly as <c>flopscope bench</c> times a model (graph
/// optimization all, the same threads, median of the timed runs), in rounds that interleave the probes so a burst of
/// load on a shared machine touches one round of every probe rather than every round of one. The fixed cost of a run
/// is the one-Relu probe minus one kernel (the 200-Relu chain gives the per-kernel cost) and is subtracted from every
/// probe; the rest is fitted to the estimator's kernels of each probe (<see cref="EfficiencyFit"/>).
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
        var folder = Directory.CreateTempSubdirectory("flopscope-calibrate-");
        try
        {
            var models = probes.Select(p =>
            {
                var path = Path.Combine(folder.FullName, p.Id + ".onnx");
                File.WriteAllBytes(path, OnnxWriter.Write(p.Model));
                return OnnxModel.Load(path);
            }).ToArray();
            var bench = new BenchOptions { Warmup = 2, Duration = options.DurationPerProbe, Threads = options.Threads, LayerRuns = 0 };
            var medians = probes.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < Math.Max(1, options.Rounds); round++)
            {
                progress?.Report($"kernel classes: {probes.Count} probes, round {round + 1} of {Math.Max(1, options.Rounds)}");
                for (var i = 0; i < probes.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    medians[i].Add(models[i].Benchmark(bench, cancellationToken: cancellationToken).Latency.MedianMs / 1000);
                }
            }

            var median = medians.Select(m => EfficiencyFit.Median(m)).ToArray();
            double Of(string id) => median[probes.ToList().FindIndex(p => p.Id == id)];
            var chain = probes.Single(p => p.Id == "relu_16_x200");
            var perKernel = Math.Max(0, (Of(chain.Id) - Of(MicroBenchmarks.RunCostId)) / 199);
            var runCost = Math.Max(0, Of(MicroBenchmarks.RunCostId) - perKernel);
            var timings = probes.Select((p, i) => new ProbeTiming(p, median[i], Math.Max(median[i] - runCost, 1e-7),
                KernelSamples.Of(models[i].Profile(new Profiling.ProfileOptions()), device, runtime))).ToArray();

            // The one-Relu probe only serves to measure the run cost: as an observation it would say nothing new.
            var observations = timings.Where(t => t.Probe.Id != MicroBenchmarks.RunCostId && t.Kernels.Count > 0).Select(t => t.Observation).ToArray();
            var fit = EfficiencyFit.Fit(observations, KernelSamples.Prior(device, runtime));
            return new ClassCalibrationResult(timings, runCost, fit);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not worth failing calibration for.
            }
        }
    }
}
