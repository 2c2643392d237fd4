using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Hardware;

public sealed class RooflineEstimatorTests
{
    // A toy device with round numbers: 1 TFLOP/s fp32, 1 TFLOP/s x 2 at fp16, 100 GB/s, 10 us per kernel, 10 W.
    private static readonly DeviceProfile Toy = new()
    {
        Id = "toy",
        Name = "Toy",
        PeakTflops = new Dictionary<string, double> { ["fp32"] = 1, ["fp16"] = 2 },
        MemoryBandwidthGBs = 100,
        MemoryGB = 1,
        PowerW = 10,
        ComputeEfficiency = 0.5,
        MemoryEfficiency = 0.5,
        KernelOverheadUs = 10,
        // Its kind's default runtime is ort-cpu; the measured overhead for it overrides that runtime's default.
        Runtimes = new Dictionary<string, RuntimeSettings> { ["ort-cpu"] = new() { KernelOverheadUs = 10 } },
    };

    [Fact]
    public void ComputeBoundMatMul()
    {
        // 1024^3 MatMul: 2,147,483,648 FLOPs at 0.5 TFLOP/s attainable = 4.294967 ms; bytes 3 x 4 MiB = 12,582,912
        // at 50 GB/s = 0.2517 ms; + 10 us overhead.
        var model = new TestGraph().Input("a", 1024, 1024).Weight("b", 1024, 1024).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");

        var estimate = RooflineEstimator.Estimate(Profiler.Profile(model), Toy);

        var layer = Assert.Single(estimate.Layers);
        Assert.Equal(Bound.Compute, layer.Bound);
        Assert.Equal(2_147_483_648 / 0.5e12, layer.ComputeSeconds, 12);
        Assert.Equal(12_582_912 / 50e9, layer.MemorySeconds, 12);
        Assert.Equal((2_147_483_648 / 0.5e12) + 10e-6, estimate.LatencySeconds, 12);
        Assert.Equal(10 * estimate.LatencySeconds, estimate.EnergyJoules!.Value, 12);
        Assert.True(estimate.FitsInMemory);
    }

    [Fact]
    public void MemoryBoundElementwiseAndOverheadBoundTinyOps()
    {
        // Relu on 25M floats: 25e6 FLOPs (0.05 ms) vs 200 MB moved (4 ms): memory-bound. Relu on 10 floats: overhead.
        var model = new TestGraph().Input("x", 25_000_000).Input("t", 10)
            .Node("Relu", ["x"], ["y"]).Node("Relu", ["t"], ["u"]).BuildModel("y", "u");

        var estimate = RooflineEstimator.Estimate(Profiler.Profile(model), Toy);

        Assert.Equal(Bound.Memory, estimate.Layers[0].Bound);
        Assert.Equal(200_000_000 / 50e9, estimate.Layers[0].MemorySeconds, 12);
        Assert.Equal(Bound.Overhead, estimate.Layers[1].Bound);
        Assert.Equal(Bound.Memory, estimate.DominantBound);
    }

    [Fact]
    public void Fp16UsesTheFp16PeakAndHalvesTheBytes()
    {
        var model = new TestGraph().Input("a", 1024, 1024).Weight("b", 1024, 1024).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");

        var estimate = RooflineEstimator.Estimate(Profiler.Profile(model, new ProfileOptions { Precision = Precision.Fp16 }), Toy);

        Assert.Equal(Precision.Fp16, estimate.Precision);
        Assert.Equal(2_147_483_648 / 1e12, estimate.Layers[0].ComputeSeconds, 12);
        Assert.Equal(6_291_456 / 50e9, estimate.Layers[0].MemorySeconds, 12);
    }

    [Fact]
    public void ModelThatDoesNotFitIsReported()
    {
        // 300M fp32 parameters = 1.2 GB > 1 GB.
        var model = new TestGraph().Input("a", 1, 30_000).Weight("b", 30_000, 10_000).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");

        Assert.False(RooflineEstimator.Estimate(Profiler.Profile(model), Toy).FitsInMemory);
    }
}

public sealed class TwoLevelRooflineTests
{
    [Fact]
    public void WorkingSetsThatFitTheCacheStreamAtCacheBandwidth()
    {
        // Relu on 1,000 floats moves 8,000 bytes: under the 1 MB cache, at 400 GB/s x 0.5; Relu on 1M floats moves
        // 8 MB: DRAM at 100 GB/s x 0.5.
        var device = new DeviceProfile
        {
            Id = "cached", Name = "Cached", PeakTflops = new Dictionary<string, double> { ["fp32"] = 1 },
            MemoryBandwidthGBs = 100, CacheBandwidthGBs = 400, CacheBytes = 1_000_000,
            ComputeEfficiency = 0.5, MemoryEfficiency = 0.5, KernelOverheadUs = 0,
        };
        var model = new TestGraph().Input("small", 1000).Input("large", 1_000_000)
            .Node("Relu", ["small"], ["a"]).Node("Relu", ["large"], ["b"]).BuildModel("a", "b");

        var estimate = RooflineEstimator.Estimate(Profiler.Profile(model), device);

        Assert.Equal(8_000 / 200e9, estimate.Layers[0].MemorySeconds, 15);
        Assert.Equal(8_000_000 / 50e9, estimate.Layers[1].MemorySeconds, 15);
    }

    [Fact]
    public void ANonReluActivationFusedIntoAnOrtCpuConvAddsAPassOverItsOutputFromCache()
    {
        // Conv 1x16x8x8 -> 16 channels, then Clip: MLAS applies the Clip in a second pass over the 4,096-byte output, so
        // the pass moves 8,192 bytes at the cache's 400 GB/s x the elementwise memory efficiency (ort-cpu default 1 x the
        // device's 0.5) = 200 GB/s: 40.96 ns. The same conv with Relu (applied inside the kernel) has no pass.
        var device = new DeviceProfile
        {
            Id = "cached", Name = "Cached", Kind = "cpu", PeakTflops = new Dictionary<string, double> { ["fp32"] = 1 },
            MemoryBandwidthGBs = 100, CacheBandwidthGBs = 400, CacheBytes = 1_000_000,
            ComputeEfficiency = 0.5, MemoryEfficiency = 0.5, KernelOverheadUs = 0,
        };
        DeviceEstimate Estimate(string activation) => RooflineEstimator.Estimate(Profiler.Profile(new TestGraph().Input("x", 1, 16, 8, 8)
            .Weight("w", 16, 16, 3, 3).Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node(activation, ["c"], ["y"])
            .BuildModel("y")), device, "ort-cpu");

        var clip = Assert.Single(Estimate("Clip").Kernels);
        var relu = Assert.Single(Estimate("Relu").Kernels);

        Assert.Equal(8_192, clip.Kernel.PassBytes);
        Assert.Equal(1, clip.MemoryUtilisation);
        Assert.Equal(8_192 / 200e9, clip.PassSeconds, 15);
        Assert.Equal(KernelCosts.Combine(clip.ComputeSeconds, clip.MemorySeconds, clip.Overlap) + clip.PassSeconds + clip.OverheadSeconds, clip.Seconds, 15);
        Assert.Equal(0, relu.PassSeconds);
        Assert.Equal(clip.MemorySeconds, relu.MemorySeconds, 15);
    }
}
