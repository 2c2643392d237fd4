using FlopScope.Kernels;
using FlopScope.Runtime.Calibration;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Calibration;

/// <summary>The fit recovers known efficiencies and overhead from synthetic measurements made with them.</summary>
public sealed class EfficiencyFitTests
{
    private static readonly RuntimeParameters Truth = new(7.5, new Dictionary<KernelClass, ClassEfficiency>
    {
        [KernelClass.Conv] = new(0.62, 0.45),
        [KernelClass.DepthwiseConv] = new(0.08, 0.30),
        [KernelClass.Gemm] = new(0.91, 0.55),
        [KernelClass.Elementwise] = new(0.20, 0.70),
    });

    private static readonly RuntimeParameters Prior = new(5, Truth.Classes.ToDictionary(kv => kv.Key, _ => new ClassEfficiency(0.5, 0.5)));

    /// <summary>Kernels of each class spanning compute-bound (compute term 30x the memory term) to memory-bound (1/30),
    /// from 2 µs to 20 ms, grouped into observations of 1-2 kernels of mixed classes; measured = the truth's estimate
    /// times a factor (1 = exact).</summary>
    private static List<FitObservation> Synthetic(int seed, Func<Random, double> noise)
    {
        var random = new Random(seed);
        var classes = Truth.Classes.Keys.ToArray();
        var observations = new List<FitObservation>();
        for (var i = 0; i < 480; i++)
        {
            var kernels = Enumerable.Range(0, 1 + random.Next(2)).Select(_ =>
            {
                var work = Math.Pow(10, -5.7 + (4 * random.NextDouble()));
                var ratio = Math.Pow(30, (2 * random.NextDouble()) - 1);
                return new KernelSample(classes[random.Next(classes.Length)], work * Math.Sqrt(ratio), work / Math.Sqrt(ratio));
            }).ToArray();
            var exact = new FitObservation($"model{i % 6}", kernels, 1);
            observations.Add(exact with { MeasuredSeconds = Truth.Seconds(exact) * noise(random) });
        }

        return observations;
    }

    [Fact]
    public void ExactMeasurementsGiveBackTheEfficienciesAndOverheadThatMadeThem()
    {
        var fit = EfficiencyFit.Fit(Synthetic(1, _ => 1), Prior);

        Assert.InRange(fit.Parameters.KernelOverheadUs, 7.5 * 0.99, 7.5 * 1.01);
        foreach (var (name, truth) in Truth.Classes)
        {
            var got = fit.Parameters.Classes[name];
            Assert.InRange(got.ComputeEfficiency / truth.ComputeEfficiency, 0.99, 1.01);
            Assert.InRange(got.MemoryEfficiency / truth.MemoryEfficiency, 0.99, 1.01);
        }

        Assert.InRange(fit.MedianError, 1, 1.001);
        Assert.Contains("overhead", fit.Identified);
        Assert.Contains("depthwise_conv.compute", fit.Identified);
    }

    [Fact]
    public void TenPercentNoiseAndAFewWildOutliersStillGiveTheEfficienciesWithinTenPercent()
    {
        // Log-normal noise of sd 0.1, and one measurement in 20 disturbed 3x (another job on the machine).
        var fit = EfficiencyFit.Fit(Synthetic(2, r => Math.Exp(0.1 * Gaussian(r)) * (r.Next(20) == 0 ? 3 : 1)), Prior);

        foreach (var (name, truth) in Truth.Classes)
        {
            var got = fit.Parameters.Classes[name];
            Assert.True(Math.Abs(Math.Log(got.ComputeEfficiency / truth.ComputeEfficiency)) < Math.Log(1.1), $"{name}.compute {got.ComputeEfficiency} vs {truth.ComputeEfficiency}");
            Assert.True(Math.Abs(Math.Log(got.MemoryEfficiency / truth.MemoryEfficiency)) < Math.Log(1.1), $"{name}.memory {got.MemoryEfficiency} vs {truth.MemoryEfficiency}");
        }

        Assert.InRange(fit.Parameters.KernelOverheadUs / 7.5, 0.9, 1.1);
    }

    [Fact]
    public void AParameterNoMeasurementConstrainsKeepsItsPriorAndIsNotCalledIdentified()
    {
        // Pooling kernels that are all strongly memory-bound: their compute efficiency cannot be seen.
        var prior = new RuntimeParameters(5, new Dictionary<KernelClass, ClassEfficiency> { [KernelClass.Pooling] = new(0.3, 0.5) });
        var truth = new RuntimeParameters(5, new Dictionary<KernelClass, ClassEfficiency> { [KernelClass.Pooling] = new(0.3, 0.8) });
        var observations = Enumerable.Range(1, 20).Select(i =>
        {
            var o = new FitObservation("m", [new KernelSample(KernelClass.Pooling, 1e-6 * i, 1e-3 * i)], 1);
            return o with { MeasuredSeconds = truth.Seconds(o) };
        }).ToList();

        var fit = EfficiencyFit.Fit(observations, prior, fitOverhead: false);

        Assert.InRange(fit.Parameters.Classes[KernelClass.Pooling].MemoryEfficiency, 0.79, 0.81);
        Assert.InRange(fit.Parameters.Classes[KernelClass.Pooling].ComputeEfficiency, 0.29, 0.31);
        Assert.Contains("pooling.memory", fit.Identified);
        Assert.DoesNotContain("pooling.compute", fit.Identified);
        Assert.Equal(5, fit.Parameters.KernelOverheadUs, 9);
    }

    [Fact]
    public void ComputeBoundMatrixProbesLeaveTheMatrixMemoryEfficiencyAtItsPrior()
    {
        // Only compute-bound gemm kernels (compute term 100x the memory term), some measured far slower than even the
        // 0.01 compute floor explains (a disturbed probe): the memory efficiency, which no kernel here is bound by,
        // must keep its prior 0.9 instead of sliding towards the floor (where it would make every matrix-vector
        // product of a decode step tens of times too slow).
        var prior = new RuntimeParameters(5, new Dictionary<KernelClass, ClassEfficiency> { [KernelClass.Gemm] = new(0.5, 0.9) });
        var observations = Enumerable.Range(1, 12).Select(i =>
        {
            var kernel = new KernelSample(KernelClass.Gemm, 1e-4 * i, 1e-6 * i);
            return new FitObservation("m", [kernel], i % 4 == 0 ? 1e-4 * i * 300 : 1e-4 * i / 0.4);
        }).ToList();

        var fit = EfficiencyFit.Fit(observations, prior, fitOverhead: false);

        Assert.Equal(0.9, fit.Parameters.Classes[KernelClass.Gemm].MemoryEfficiency, 9);
        Assert.DoesNotContain("gemm.memory", fit.Identified);
        Assert.InRange(fit.Parameters.Classes[KernelClass.Gemm].ComputeEfficiency, 0.3, 0.5);
    }

    [Fact]
    public void EfficienciesStayWithinTheirBounds()
    {
        // Measured far faster than any efficiency <= 1 allows, and far slower than 0.01 allows.
        var fast = new FitObservation("m", [new KernelSample(KernelClass.Gemm, 1e-3, 1e-5)], 1e-5);
        var slow = new FitObservation("m", [new KernelSample(KernelClass.Elementwise, 1e-7, 1e-5)], 10);

        var fit = EfficiencyFit.Fit([fast, slow], new RuntimeParameters(1, new Dictionary<KernelClass, ClassEfficiency>()), fitOverhead: false);

        Assert.Equal(EfficiencyFit.MaxEfficiency, fit.Parameters.Classes[KernelClass.Gemm].ComputeEfficiency, 6);
        Assert.Equal(EfficiencyFit.MinEfficiency, fit.Parameters.Classes[KernelClass.Elementwise].MemoryEfficiency, 6);
    }

    /// <summary>Probe-like data on a 2-core CPU: streaming Adds (elementwise, memory-bound), large compute-bound convs
    /// and small convs split across threads whose time is mostly fixed cost. Truth: 0.8 us per kernel, 3 us more per
    /// split kernel, conv 0.9 compute with the streaming memory efficiency 0.6, elementwise 0.2 / 0.6.</summary>
    private static (List<FitObservation> Observations, RuntimeParameters Truth) ProbeLike()
    {
        var truth = new RuntimeParameters(0.8, new Dictionary<KernelClass, ClassEfficiency>
        {
            [KernelClass.Conv] = new(0.9, 0.6),
            [KernelClass.Elementwise] = new(0.2, 0.6),
        }, ParallelOverheadUs: 3);
        var observations = new List<FitObservation>();
        void Add(string id, int count, KernelSample kernel)
        {
            var o = new FitObservation(id, Enumerable.Repeat(kernel, count).ToArray(), 1);
            observations.Add(o with { MeasuredSeconds = truth.Seconds(o) });
        }

        Add("add_dram", 2, new(KernelClass.Elementwise, 2e-5, 1.2e-3, Parallel: true));
        Add("add_cache", 8, new(KernelClass.Elementwise, 1e-6, 2e-5, Parallel: true));
        Add("relu_tiny", 200, new(KernelClass.Elementwise, 1e-10, 1e-9));
        Add("conv_large", 2, new(KernelClass.Conv, 2.6e-3, 4e-5, Parallel: true));
        Add("conv_medium", 4, new(KernelClass.Conv, 1.5e-4, 1.2e-5, Parallel: true));
        Add("conv_small", 8, new(KernelClass.Conv, 5e-6, 1e-6, Parallel: true));
        Add("conv_parallel_tiny", 64, new(KernelClass.Conv, 7e-7, 4e-7, Parallel: true));
        return (observations, truth);
    }

    [Fact]
    public void TheParallelOverheadIsAddedToSplitKernelsOnlyAndHeldFixedByTheFit()
    {
        var p = new RuntimeParameters(1, new Dictionary<KernelClass, ClassEfficiency> { [KernelClass.Conv] = new(0.5, 0.5) }, ParallelOverheadUs: 4);

        Assert.Equal(2e-6 + 1e-6, p.Seconds(new KernelSample(KernelClass.Conv, 1e-6, 1e-7)), 15);
        Assert.Equal(2e-6 + 5e-6, p.Seconds(new KernelSample(KernelClass.Conv, 1e-6, 1e-7, Parallel: true)), 15);

        var (observations, truth) = ProbeLike();
        var fit = EfficiencyFit.Fit(observations, truth with { KernelOverheadUs = 5, ParallelOverheadUs = 3 }, constraints: FitConstraints.Streaming);
        Assert.Equal(3, fit.Parameters.ParallelOverheadUs, 12);
        Assert.InRange(fit.Parameters.KernelOverheadUs, 0.8 * 0.99, 0.8 * 1.01);
        Assert.InRange(fit.Parameters.Classes[KernelClass.Conv].ComputeEfficiency, 0.9 * 0.99, 0.9 * 1.01);
    }

    [Fact]
    public void AnActivationPassIsTimedAtTheElementwiseEfficiencyWithinItsKernelsLaunch()
    {
        // Conv 1x16x8x8 + Clip on a toy CPU with a 1 MB cache at 40 GB/s: KernelSamples gives the kernel, then its pass
        // (8,192 bytes, elementwise, not launched); the fit's time of the two equals the estimator's kernel time on the
        // device that carries the fit's parameters, the pass paying no second overhead.
        var device = ToyDevices.Cpu(0.1, 10, parallelUnits: 2) with { CacheBandwidthGBs = 40, CacheBytes = 1 << 20 };
        var model = new TestGraph().Input("x", 1, 16, 8, 8).Weight("w", 16, 16, 3, 3)
            .Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Clip", ["c"], ["y"]).BuildModel("y");
        var report = FlopScope.Profiling.Profiler.Profile(model);
        var runtime = RuntimeCatalog.BuiltIn.Get("ort-cpu") with { Layout = null };
        var parameters = new RuntimeParameters(3, new Dictionary<KernelClass, ClassEfficiency>
        {
            [KernelClass.Conv] = new(0.6, 0.5),
            [KernelClass.Elementwise] = new(0.2, 0.25),
        });
        var written = KernelSamples.WithRuntime(device, "ort-cpu", parameters);

        var samples = KernelSamples.Of(report, written, runtime);

        Assert.Equal(2, samples.Count);
        var pass = samples[1].Sample;
        Assert.Equal((KernelClass.Elementwise, false, 0.0), (pass.KernelClass, pass.Launched, pass.ComputeSeconds));
        Assert.Equal(8_192 / 40e9, pass.MemorySeconds, 15);
        Assert.Equal(8_192 / (40e9 * 0.25), parameters.Seconds(pass), 15);
        var estimated = Assert.Single(FlopScope.Hardware.RooflineEstimator.Estimate(report, written, runtime).Kernels).Seconds;
        Assert.Equal(estimated, samples.Sum(s => parameters.Seconds(s.Sample)), 12);
    }

    [Fact]
    public void ATiedMemoryEfficiencyTakesItsSourcesValueAndIsNotCalledIdentified()
    {
        // The conv probes are compute-bound: only the tie gives conv a memory efficiency, the Adds' 0.6.
        var (observations, truth) = ProbeLike();
        var prior = new RuntimeParameters(5, new Dictionary<KernelClass, ClassEfficiency>
        {
            [KernelClass.Conv] = new(1, 1),
            [KernelClass.Elementwise] = new(0.5, 1),
        }, ParallelOverheadUs: 3);

        var fit = EfficiencyFit.Fit(observations, prior, constraints: FitConstraints.Streaming);

        Assert.InRange(fit.Parameters.Classes[KernelClass.Elementwise].MemoryEfficiency, 0.6 * 0.99, 0.6 * 1.01);
        Assert.Equal(fit.Parameters.Classes[KernelClass.Elementwise].MemoryEfficiency, fit.Parameters.Classes[KernelClass.Conv].MemoryEfficiency);
        Assert.DoesNotContain("conv.memory", fit.Identified);
        Assert.Contains("conv.compute", fit.Identified);
        Assert.Contains("elementwise.memory", fit.Identified);
        Assert.InRange(fit.MedianError, 1, 1.001);
    }

    [Fact]
    public void WithoutTheParallelCostOrTheTieTheFitBlamesAFreeConvMemoryEfficiency()
    {
        // What went wrong before: no parallel cost in the model, conv memory free. The small convs' fixed cost is
        // then explained by a conv memory efficiency far below the streaming one, which charges a large-activation
        // conv (memory term 1 ms) several times its true time.
        var (observations, truth) = ProbeLike();
        var prior = new RuntimeParameters(5, new Dictionary<KernelClass, ClassEfficiency>
        {
            [KernelClass.Conv] = new(1, 1),
            [KernelClass.Elementwise] = new(0.5, 1),
        });
        var largeActivation = new FitObservation("pointwise", [new KernelSample(KernelClass.Conv, 3e-4, 1e-3, Parallel: true)], 1);
        var trueTime = truth.Seconds(largeActivation);

        var free = EfficiencyFit.Fit(observations, prior);
        var constrained = EfficiencyFit.Fit(observations, prior with { ParallelOverheadUs = 3 }, constraints: FitConstraints.Streaming);

        Assert.True(free.Parameters.Classes[KernelClass.Conv].MemoryEfficiency < 0.3, $"free conv memory {free.Parameters.Classes[KernelClass.Conv].MemoryEfficiency}");
        Assert.True(free.Parameters.Seconds(largeActivation) > 2 * trueTime);
        Assert.InRange(constrained.Parameters.Seconds(largeActivation) / trueTime, 0.99, 1.01);
    }

    [Fact]
    public void AboveOneAllowedAClassFasterThanTheReferenceIsRecoveredAndNormalisingKeepsEveryKernelTime()
    {
        // GEMM kernels 1.5x faster than the measured "peak": capped at 1 the fit is 1.5x slow; allowed, it is exact.
        var truth = new RuntimeParameters(1, new Dictionary<KernelClass, ClassEfficiency>
        {
            [KernelClass.Gemm] = new(1.5, 0.8),
            [KernelClass.Elementwise] = new(0.3, 0.6),
        });
        var kernels = new[]
        {
            new KernelSample(KernelClass.Gemm, 3e-3, 1e-4), new KernelSample(KernelClass.Gemm, 1e-5, 4e-4),
            new KernelSample(KernelClass.Elementwise, 1e-6, 1e-3), new KernelSample(KernelClass.Elementwise, 1e-4, 1e-6),
        };
        var observations = kernels.SelectMany((k, i) => Enumerable.Range(1, 5).Select(n =>
        {
            var o = new FitObservation($"p{i}", [k with { ComputeSeconds = k.ComputeSeconds * n, MemorySeconds = k.MemorySeconds * n }], 1);
            return o with { MeasuredSeconds = truth.Seconds(o) };
        })).ToList();
        var prior = new RuntimeParameters(1, truth.Classes.ToDictionary(kv => kv.Key, _ => new ClassEfficiency(0.5, 0.5)));

        var capped = EfficiencyFit.Fit(observations, prior, fitOverhead: false);
        var free = EfficiencyFit.Fit(observations, prior, fitOverhead: false, maxComputeEfficiency: ClassCalibration.ReferenceHeadroom);

        Assert.Equal(1, capped.Parameters.Classes[KernelClass.Gemm].ComputeEfficiency, 6);
        Assert.InRange(free.Parameters.Classes[KernelClass.Gemm].ComputeEfficiency, 1.5 * 0.99, 1.5 * 1.01);

        // Folded into a toy device: peak x1.5, GEMM compute 1, elementwise compute 0.2; the estimator's time of a real
        // MatMul on the written profile equals the fit's own time for it.
        var device = ToyDevices.Cpu(0.1, 10, parallelUnits: 2) with { CacheBandwidthGBs = 40, CacheBytes = 1 << 20 };
        var (rescaled, parameters, computeScale, memoryScale) = ClassCalibration.Normalised(device, free.Parameters);
        Assert.Equal(free.Parameters.Classes[KernelClass.Gemm].ComputeEfficiency, computeScale, 12);
        Assert.Equal(1, memoryScale);
        Assert.Equal(Math.Round(0.1 * computeScale, 6), rescaled.PeakTflops["fp32"], 12);
        Assert.Equal(1, parameters.Classes[KernelClass.Gemm].ComputeEfficiency, 12);
        Assert.InRange(parameters.Classes[KernelClass.Elementwise].ComputeEfficiency, 0.3 / 1.5 * 0.99, 0.3 / 1.5 * 1.01);

        var model = new FlopScope.Tests.Support.TestGraph().Input("a", 64, 512).Weight("b", 512, 512).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");
        var report = FlopScope.Profiling.Profiler.Profile(model);
        var runtime = RuntimeCatalog.BuiltIn.Get("ort-cpu");
        var sample = Assert.Single(KernelSamples.Of(report, device, runtime)).Sample;
        var written = KernelSamples.WithRuntime(rescaled, "ort-cpu", parameters);
        var estimated = Assert.Single(FlopScope.Hardware.RooflineEstimator.Estimate(report, written, "ort-cpu").Kernels).Seconds;
        // Equal but for the profile's rounding (peak to 6 decimals of TFLOP/s, efficiencies to 4 significant digits).
        Assert.InRange(estimated / free.Parameters.Seconds(sample), 0.9999, 1.0001);
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
