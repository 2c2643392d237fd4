using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>Utilisation (wave quantisation, bandwidth saturation) and the per-kernel estimate on toy devices with
/// hand-computed answers.</summary>
public sealed class UtilisationTests
{
    [Theory]
    [InlineData(1, 4, 0.25)]
    [InlineData(4, 4, 1.0)]
    [InlineData(5, 4, 0.625)] // two waves of 4, 5 busy of 8 slots
    [InlineData(8, 4, 1.0)]
    [InlineData(133, 132, 133.0 / 264)]
    public void ComputeUtilisationIsWaveQuantised(long work, int units, double expected) =>
        Assert.Equal(expected, Utilisation.Compute(work, units), 12);

    [Fact]
    public void UnknownUnitsMeanFullUse()
    {
        Assert.Equal(1, Utilisation.Compute(1, null));
        Assert.Equal(1, Utilisation.Memory(1, null, 0.5));
    }

    [Theory]
    [InlineData(1, 10, 0.2)]
    [InlineData(5, 10, 1.0)]
    [InlineData(100, 10, 1.0)]
    public void BandwidthSaturatesAtHalfTheUnits(long work, int units, double expected) =>
        Assert.Equal(expected, Utilisation.Memory(work, units, 0.5), 12);

    [Fact]
    public void WorkIsOutputTilesRoundedUp()
    {
        Assert.Equal(1, Utilisation.Work(1, 4096));
        Assert.Equal(2, Utilisation.Work(4097, 4096));
        Assert.Equal(1, Utilisation.Work(0, 4096));
    }

    // A toy GPU: 100 TFLOP/s fp32, 1000 GB/s, 10 SMs, efficiencies 1, torch-cudagraph (1 us per kernel, GPU tile 4096).
    private static readonly DeviceProfile Gpu = new()
    {
        Id = "toy-gpu", Name = "Toy GPU", Kind = "gpu", PeakTflops = new Dictionary<string, double> { ["fp32"] = 100 },
        MemoryBandwidthGBs = 1000, ComputeEfficiency = 1, MemoryEfficiency = 1, ParallelUnits = 10,
        Runtimes = new Dictionary<string, RuntimeSettings>
        {
            ["torch-cudagraph"] = new() { KernelOverheadUs = 1, Classes = new Dictionary<string, ClassEfficiency> { ["gemm"] = new(1, 1) } },
        },
    };

    [Fact]
    public void BatchOneUsesOneTenthOfTheChipAndBatchTenAllOfIt()
    {
        // MatMul [b x 1024] x [1024 x 4096]: b x 4096 outputs = b tiles of 4096; 2 x b x 1024 x 4096 FLOPs.
        // b = 1: 1 tile on 10 SMs -> 10% busy: 8,388,608 FLOPs / (100e12 x 0.1) = 0.8389 us of compute.
        // b = 10: 10 tiles -> 100% busy: 83,886,080 FLOPs / 100e12 = 0.8389 us: ten times the work in the same time.
        var one = Estimate(1);
        var ten = Estimate(10);

        Assert.Equal(0.1, one.ComputeUtilisation, 12);
        Assert.Equal(8_388_608 / 10e12, one.ComputeSeconds, 15);
        Assert.Equal(1.0, ten.ComputeUtilisation, 12);
        Assert.Equal(83_886_080 / 100e12, ten.ComputeSeconds, 15);
        Assert.Equal(1e-6, one.OverheadSeconds, 15);
    }

    [Fact]
    public void AMatrixVectorProductStreamsItsWeightsOverTheWholeChip()
    {
        // Batch 1: one 4096-output tile keeps 1 of 10 SMs computing, but the GEMV streams its 16 MiB of weights over
        // all of them (split-K / GEMV kernels): memory work = 16,781,312 bytes read / 4 / 8192 (the GPU streaming tile)
        // = 513 items >= 5 (half the units), so full bandwidth: (16,781,312 read + 16,384 written) bytes / 1000 GB/s.
        var one = Estimate(1);
        Assert.Equal(1.0, one.MemoryUtilisation, 12);
        Assert.Equal(16_797_696 / 1e12, one.MemorySeconds, 15);

        // An elementwise kernel keeps its output tiles: Relu on 4096 elements = 1 item, 1 / (0.5 x 10) of bandwidth.
        var model = new TestGraph().Input("a", 1, 4096).Node("Relu", ["a"], ["y"]).BuildModel("y");
        var relu = Assert.Single(RooflineEstimator.Estimate(Profiler.Profile(model), Gpu, "torch-cudagraph").Kernels);
        Assert.Equal(0.2, relu.MemoryUtilisation, 12);
        Assert.Equal(32_768 / (1e12 * 0.2), relu.MemorySeconds, 15);
    }

    private static KernelEstimate Estimate(long batch)
    {
        var model = new TestGraph().Input("a", batch, 1024).Weight("b", 1024, 4096).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");
        var estimate = RooflineEstimator.Estimate(Profiler.Profile(model), Gpu, "torch-cudagraph");
        Assert.Equal("torch-cudagraph", estimate.Runtime);
        return Assert.Single(estimate.Kernels);
    }

    [Fact]
    public void AKernelSplitAcrossThreadsPaysTheParallelOverheadAndASingleTaskOrAViewDoesNot()
    {
        // A toy 2-core CPU under ort-cpu with a calibrated section: 1 us per kernel, 4 us more when split across
        // threads. CPU conv/GEMM tile = 1024 outputs: MatMul [1 x 1024] x [1024 x 1024] = 1 task (one thread);
        // [4 x 1024] x [1024 x 1024] = 4 tasks (split). The Reshape after it is a copy-free view kernel: no threads.
        var cpu = ToyDevices.Cpu(parallelUnits: 2) with
        {
            Runtimes = new Dictionary<string, RuntimeSettings> { ["ort-cpu"] = new() { KernelOverheadUs = 1, ParallelOverheadUs = 4 } },
        };
        KernelEstimate[] Kernels(long rows, DeviceProfile device)
        {
            var model = new TestGraph().Input("a", rows, 1024).Weight("b", 1024, 1024).Node("MatMul", ["a", "b"], ["m"])
                .Ints("shape", [1, rows * 1024]).Node("Reshape", ["m", "shape"], ["y"]).BuildModel("y");
            return RooflineEstimator.Estimate(Profiler.Profile(model), device, "ort-cpu").Kernels.ToArray();
        }

        var one = Kernels(1, cpu);
        var four = Kernels(4, cpu);

        Assert.Equal(1e-6, one[0].OverheadSeconds, 15);
        Assert.Equal(5e-6, four[0].OverheadSeconds, 15);
        Assert.Equal("Reshape", four[1].Kernel.Op);
        Assert.Equal(1e-6, four[1].OverheadSeconds, 15);
        // One unit: nothing is split. Without a calibrated section: the ort-cpu default of 5 us and no extra cost (the
        // default overhead averages it in).
        Assert.Equal(1e-6, Kernels(4, cpu with { ParallelUnits = 1 })[0].OverheadSeconds, 15);
        Assert.Equal(5e-6, Kernels(4, cpu with { Runtimes = null })[0].OverheadSeconds, 15);
    }

    [Theory]
    [InlineData(16, 16, 0.5)]
    [InlineData(48, 16, 0.75)]
    [InlineData(16, 0, 1)]
    [InlineData(0, 16, 1)]
    public void AShallowProductLosesItsEpilogueShare(long depth, double epilogue, double expected) =>
        Assert.Equal(expected, Utilisation.Reduction(depth, epilogue), 12);

    [Theory]
    [InlineData(2, 1, 1, 2)]
    [InlineData(2, 1, 0, 3)]
    [InlineData(1, 2, 0.5, 2.5)]
    public void OverlapDecidesHowMuchOfTheShorterTermAdds(double compute, double memory, double overlap, double expected) =>
        Assert.Equal(expected, KernelCosts.Combine(compute, memory, overlap), 12);

    [Fact]
    public void EpilogueAndOverlapOfTheRuntimeSectionReachTheKernelTime()
    {
        // MatMul [4 x 16] x [16 x 4096] on a 1-TFLOP/s, 100-GB/s CPU: 524,288 FLOPs, depth 16. Epilogue 16 halves the
        // compute rate: 1.048576 us. Memory: 256 + 262,144 read + 65,536 written = 327,936 bytes = 3.27936 us. Overlap
        // 0 adds the two; overhead 1 us; one unit, so nothing is split.
        var cpu = ToyDevices.Cpu(parallelUnits: 1) with
        {
            Runtimes = new Dictionary<string, RuntimeSettings> { ["ort-cpu"] = new() { KernelOverheadUs = 1, EpilogueMacs = 16, MemoryOverlap = 0 } },
        };
        var model = new TestGraph().Input("a", 4, 16).Weight("b", 16, 4096).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");

        var kernel = Assert.Single(RooflineEstimator.Estimate(Profiler.Profile(model), cpu, "ort-cpu").Kernels);

        Assert.Equal(16, kernel.Kernel.ReductionDepth);
        Assert.Equal(262_144, kernel.Kernel.WeightBytes);
        Assert.Equal(1.048576e-6, kernel.ComputeSeconds, 15);
        Assert.Equal(3.27936e-6, kernel.MemorySeconds, 15);
        Assert.Equal(1.048576e-6 + 3.27936e-6 + 1e-6, kernel.Seconds, 15);
    }

    [Fact]
    public void WeightsStreamFromMemoryUnlessTheWholeModelStaysCached()
    {
        // The same MatMul on a CPU with a 1 MiB cache at 400 GB/s: activations (256 + 65,536 bytes) fit and stream at
        // cache bandwidth; the 262,144 bytes of weights are all the model has, so they stay cached too (0.81984 us).
        // With a 128 KiB cache the weights no longer fit: they come from memory at 100 GB/s.
        var cpu = ToyDevices.Cpu(parallelUnits: 1) with { CacheBandwidthGBs = 400, CacheBytes = 1 << 20 };
        var model = Profiler.Profile(new TestGraph().Input("a", 4, 16).Weight("b", 16, 4096).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y"));

        Assert.Equal(327_936 / 400e9, Assert.Single(RooflineEstimator.Estimate(model, cpu, "ort-cpu").Kernels).MemorySeconds, 15);
        Assert.Equal((65_792 / 400e9) + (262_144 / 100e9), Assert.Single(RooflineEstimator.Estimate(model, cpu with { CacheBytes = 128 << 10 }, "ort-cpu").Kernels).MemorySeconds, 15);
    }

    [Fact]
    public void EfficiencyLookupPrefersTheDeviceRuntimeSectionThenTheRuntimeDefaultTimesTheDevice()
    {
        var device = Gpu with { ComputeEfficiency = 0.5, MemoryEfficiency = 0.8 };
        var eager = RuntimeCatalog.BuiltIn.Get("torch-eager");
        var graphs = RuntimeCatalog.BuiltIn.Get("torch-cudagraph");

        Assert.Equal(new ClassEfficiency(1, 1), KernelCosts.Efficiency(device, graphs, KernelClass.Gemm));
        // Runtime default for depthwise (0.2 compute, 0.7 memory) x device (0.5, 0.8).
        var depthwise = KernelCosts.Efficiency(device, graphs, KernelClass.DepthwiseConv);
        Assert.Equal(0.1, depthwise.ComputeEfficiency, 12);
        Assert.Equal(0.56, depthwise.MemoryEfficiency, 12);
        Assert.Equal(1, KernelCosts.OverheadUs(device, graphs));
        Assert.Equal(20, KernelCosts.OverheadUs(device, eager));
        Assert.Equal(7, KernelCosts.OverheadUs(device with { Kind = "npu", KernelOverheadUs = 7 }, eager));
    }

    [Fact]
    public void ARuntimeForAnotherKindOfDeviceIsRefused()
    {
        var error = Assert.Throws<FlopScope.Errors.FlopScopeException>(() => RuntimeCatalog.BuiltIn.For(Gpu with { Kind = "cpu" }, "tensorrt"));
        Assert.Contains("does not run on device 'toy-gpu'", error.Message);
        Assert.Throws<FlopScope.Errors.FlopScopeException>(() => RuntimeCatalog.BuiltIn.Get("onnx-magic"));
    }

    [Fact]
    public void EveryCatalogueDeviceNamesARuntimeForItsKindAndItsParallelUnits()
    {
        foreach (var device in DeviceCatalog.BuiltIn().Devices)
        {
            Assert.NotNull(device.ParallelUnits);
            Assert.Equal(device.Runtime, RuntimeCatalog.BuiltIn.For(device).Id);
        }

        Assert.Equal("ort-cpu", DeviceCatalog.BuiltIn().Get("rpi5").Runtime);
        Assert.Equal("tensorrt", DeviceCatalog.BuiltIn().Get("orin-nano").Runtime);
        Assert.Equal("tensorrt", DeviceCatalog.BuiltIn().Get("t4").Runtime);
        Assert.Equal(132, DeviceCatalog.BuiltIn().Get("h200").ParallelUnits);
    }
}
