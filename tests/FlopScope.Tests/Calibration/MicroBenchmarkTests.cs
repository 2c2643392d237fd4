using FlopScope.Profiling;
using FlopScope.Runtime.Calibration;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Calibration;

/// <summary>The calibration probes count what they say: FLOPs and bytes computed by hand from each probe's shapes and
/// the rules of docs/cost-model.md, against the profiler's figures for the graph the tool builds.</summary>
public sealed class MicroBenchmarkTests
{
    private const long F = 4; // bytes per fp32 element

    /// <summary>Probe id -> (total FLOPs, bytes read + written summed over its nodes), by hand.</summary>
    public static TheoryData<string, long, long> HandFigures()
    {
        // Dense conv c->c, k x k, bias, pads keep hw: MACs = hw^2 c^2 k^2; FLOPs = 2 MACs + hw^2 c (bias);
        // bytes = input + weights + bias + output.
        static (long, long) Conv(long c, long hw, long k, long chain) =>
            (chain * ((2 * hw * hw * c * c * k * k) + (hw * hw * c)), chain * F * ((2 * c * hw * hw) + (c * c * k * k) + c));
        static (long, long) Depthwise(long c, long hw, long chain) =>
            (chain * ((2 * hw * hw * c * 9) + (hw * hw * c)), chain * F * ((2 * c * hw * hw) + (9 * c) + c));
        static (long, long) MatMul(long m, long n, long chain) => (chain * 2 * m * n * n, chain * F * ((2 * m * n) + (n * n)));
        var data = new TheoryData<string, long, long>();
        void Add(string id, (long Flops, long Bytes) f) => data.Add(id, f.Flops, f.Bytes);
        Add("conv_3x3_64c_56", Conv(64, 56, 3, 2));
        Add("conv_1x1_256c_14", Conv(256, 14, 1, 4));
        Add("conv_3x3_16c_14", Conv(16, 14, 3, 8));
        Add(MicroBenchmarks.ParallelCostId, Conv(16, 16, 1, 64));

        // One conv cin->cout, k x k, from hw to side x side: MACs = side^2 cout cin k^2, FLOPs = 2 MACs + bias.
        static (long, long) ConvOnce(long cin, long cout, long hw, long side, long k) =>
            ((2 * side * side * cout * cin * k * k) + (side * side * cout), F * ((cin * hw * hw) + (cout * side * side) + (cout * cin * k * k) + cout));
        Add("conv_1x1_32to192c_56", ConvOnce(32, 192, 56, 56, 1));
        Add("conv_3x3s2_64to128c_56", ConvOnce(64, 128, 56, 28, 3));
        Add("conv_3x3_256c_7", Conv(256, 7, 3, 4));
        Add("conv_1x1_16to96c_112", ConvOnce(16, 96, 112, 112, 1));
        Add("conv_3x3s2_3to32c_224", ConvOnce(3, 32, 224, 112, 3));
        Add("conv_1x1_32c_28", Conv(32, 28, 1, 8));
        // Four pairs of 1x1 16->96 and 96->16 at 28x28, no bias: MACs 2 x 784 x 16 x 96 per pair; bytes per conv = input +
        // weights + output (the two weight tensors are each counted once per conv that reads them).
        Add("conv_1x1_16to96to16c_28_x4", (4L * 2 * 2 * 784 * 16 * 96, 4 * F * ((784 * 16) + (96 * 16) + (784 * 96) + (784 * 96) + (16 * 96) + (784 * 16))));
        Add("dwconv_3x3_96c_112", Depthwise(96, 112, 2));
        Add("dwconv_3x3_240c_28", Depthwise(240, 28, 4));
        Add("dwconv_3x3_576c_7", Depthwise(576, 7, 8));
        Add("dwconv_3x3_58c_56", Depthwise(58, 56, 2));
        Add("dwconv_3x3_58c_28", Depthwise(58, 28, 4));
        Add("dwconv_3x3_30c_14", Depthwise(30, 14, 8));
        Add("matmul_512x512x512", MatMul(512, 512, 2));
        Add("matmul_128x768x768", MatMul(128, 768, 4));
        Add("matvec_1x2048x2048", MatMul(1, 2048, 2));
        Add("matmul_64x64x64", MatMul(64, 64, 8));
        // Two pairs of 128x768 by 768x3072 and 128x3072 by 3072x768, each with its own weights: 2 x 128 x 768 x 3072 MACs
        // per product; bytes per product = its input + weights + output.
        Add("ffn_128x768x3072_x2", (4L * 2 * 128 * 768 * 3072, 4 * F * ((128 * 768) + (768 * 3072) + (128 * 3072))));

        // Attention, 12 heads x 64, sequence s: QK^T and AV are 12 s^2 64 MACs each; scale 1 and Softmax 5 per score.
        // Bytes: Transpose (in + out), QK^T (2 inputs + scores), Mul (scores + scalar + scores), Softmax (scores x 2),
        // AV (scores + x + out).
        static (long, long) Attention(long s)
        {
            var x = 12 * s * 64;
            var scores = 12 * s * s;
            var flops = (2 * 2 * 12 * s * s * 64) + scores + (5 * scores);
            var bytes = F * ((2 * x) + (2 * x + scores) + (2 * scores + 1) + (2 * scores) + (scores + 2 * x));
            return (flops, bytes);
        }

        Add("attention_12h_128", Attention(128));
        Add("attention_12h_16", Attention(16));

        // Elementwise: Add reads two tensors, writes one, 1 FLOP per element; Sigmoid 3 FLOPs, reads one; Relu 1.
        Add("add_4m", (2L * (4 << 20), 2 * F * 3 * (4 << 20)));
        Add("add_64k", (8L * (1 << 16), 8 * F * 3 * (1 << 16)));
        Add("sigmoid_1m", (4L * 3 * (1 << 20), 4 * F * 2 * (1 << 20)));
        Add("sigmoid_32k", (16L * 3 * (1 << 15), 16 * F * 2 * (1 << 15)));
        Add("relu_16_x200", (200L * 16, 200 * F * 2 * 16));
        Add(MicroBenchmarks.RunCostId, (16, F * 2 * 16));

        // Softmax 5 per element; LayerNormalization 5 + 2 per element + 5 per row, reads x, gamma, beta;
        // BatchNormalization 2 per element, reads x and 4 vectors of 64.
        Add("softmax_1024x1000", (2L * 5 * 1024 * 1000, 2 * F * 2 * 1024 * 1000));
        Add("softmax_1x1000", (8L * 5 * 1000, 8 * F * 2 * 1000));
        Add("layernorm_128x768", (4L * ((7 * 128 * 768) + (5 * 128)), 4 * F * ((2 * 128 * 768) + (2 * 768))));
        Add("batchnorm_64c_56", (2L * 2 * 64 * 56 * 56, 2 * F * ((2 * 64 * 56 * 56) + (4 * 64))));

        // Pooling 3x3 with pads 1: MaxPool 9 per output, AveragePool 10; GlobalAveragePool inputs + outputs.
        Add("maxpool_3x3_64c_112", (2L * 9 * 64 * 112 * 112, 2 * F * 2 * 64 * 112 * 112));
        Add("avgpool_3x3_256c_14", (4L * 10 * 256 * 14 * 14, 4 * F * 2 * 256 * 14 * 14));
        Add("globalavgpool_1280c_7", ((1280 * 49) + 1280, F * ((1280 * 49) + 1280)));

        // Data movement: 0 FLOPs; bytes in + out (+ the small int64/fp32 operands: scales 4 floats, 1024 indices,
        // starts/ends/axes, 8 pads).
        Add("transpose_64c_112", (0, F * 2 * 64 * 112 * 112));
        Add("transpose_strided_16x4x8192", (0, F * 2 * 16 * 4 * 8192));
        Add("transpose_strided_16x4x1024", (0, F * 2 * 16 * 4 * 1024));
        Add("transpose_strided_8x4x256", (0, F * 2 * 8 * 4 * 256));
        // Relu(x) (1 FLOP per element, in + out), then Concat(x, Relu(x)): two inputs in, both out.
        Add("concat_128c_56", (128 * 56 * 56, F * 6 * 128 * 56 * 56));
        Add("resize_2x_64c_56", (0, F * ((64 * 56 * 56) + 4 + (64 * 112 * 112))));
        Add("gather_1024_of_4096x256", (0, (F * ((1024 * 256) + (1024 * 256))) + (8 * 1024))); // reads the 1024 rows it gathers, not the table
        Add("slice_64_of_128c_56", (0, (F * ((128 * 56 * 56) + (64 * 56 * 56))) + (3 * 8)));
        Add("pad_64c_56", (0, (F * ((64 * 56 * 56) + (64 * 58 * 58))) + (8 * 8)));
        return data;
    }

    [Theory]
    [MemberData(nameof(HandFigures))]
    public void ProbeFlopsAndBytesEqualHandComputedFigures(string id, long flops, long bytes)
    {
        var probe = MicroBenchmarks.All().Single(p => p.Id == id);

        var report = Profiler.Profile(probe.Model);

        Assert.Empty(report.Summary.Unsupported);
        Assert.Empty(report.Summary.Unresolved);
        Assert.Equal(flops, report.Layers.Sum(l => l.TotalFlops));
        Assert.Equal(bytes, report.Layers.Sum(l => l.Traffic.TotalBytes));
    }

    [Fact]
    public void EveryProbeHasHandFiguresAndEveryClassHasProbesOfSeveralSizes()
    {
        var probes = MicroBenchmarks.All();

        Assert.Equal(probes.Select(p => p.Id).Order(), HandFigures().Select(row => (string)row[0]).Order());
        Assert.Equal(probes.Count, probes.Select(p => p.Id).Distinct().Count());
        Assert.Equal(MicroBenchmarks.Classes.Order(), probes.Select(p => p.KernelClass).Distinct().Order());
        Assert.All(MicroBenchmarks.Classes.Where(c => c != "attention"), c => Assert.True(probes.Count(p => p.KernelClass == c) >= 3, c));
    }

    [Fact]
    public void TheParallelProbeGivesBackTheDispatchCostThatWasAddedToItsSplitKernels()
    {
        // A toy 2-core AVX-512 CPU (NCHWc block 16): the probe is 64 blocked 1x1 convs (4096 outputs = 4 tasks of 1024:
        // split) between a reorder in and a reorder out (16x16x16 = 4096 elements, one data-movement task: not split).
        var device = ToyDevices.Cpu(0.1, 20, parallelUnits: 2) with { NchwcBlock = 16 };
        var probe = MicroBenchmarks.All().Single(p => p.Id == MicroBenchmarks.ParallelCostId);
        var kernels = KernelSamples.Of(Profiler.Profile(probe.Model), device, FlopScope.Kernels.RuntimeCatalog.BuiltIn.Get("ort-cpu"));
        Assert.Equal(66, kernels.Count);
        Assert.Equal(64, kernels.Count(k => k.Sample.Parallel));

        // Measured = each kernel's own work at efficiency 1 + 0.7 us per kernel + 2.5 us per split kernel.
        var own = kernels.Sum(k => Math.Max(k.Sample.ComputeSeconds, k.Sample.MemorySeconds));
        var net = own + (66 * 0.7e-6) + (64 * 2.5e-6);
        var timing = new ProbeTiming(probe, net + 5e-6, net, kernels);

        Assert.Equal(2.5e-6, ClassCalibration.ParallelOverhead(timing, 0.7e-6), 12);
        // Faster than the single-threaded kernels alone: nothing left to call dispatch cost.
        Assert.Equal(0, ClassCalibration.ParallelOverhead(timing with { NetSeconds = own }, 0.7e-6));
        // On one unit nothing is split, so nothing is measured.
        var single = KernelSamples.Of(Profiler.Profile(probe.Model), device with { ParallelUnits = 1 }, FlopScope.Kernels.RuntimeCatalog.BuiltIn.Get("ort-cpu"));
        Assert.Equal(0, ClassCalibration.ParallelOverhead(new ProbeTiming(probe, net, net, single), 0.7e-6));
    }
}
