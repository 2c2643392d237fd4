using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>The per-precision and per-kind rules of docs/estimator.md ("INT8 engines", "PyTorch eager on CPUs") on
/// hand-built graphs and toy devices with hand-computed answers.</summary>
public sealed class PrecisionRuleTests
{
    // x: 1x16x8x8 (1,024 elements, 1,024 bytes at int8); w: 16x16x3x3 (2,304 elements); conv outputs 1x16x8x8.
    // Conv a and Conv b read x; Concat joins them on channels (2,048 elements); Conv c (w2: 16x32x1x1, 512 elements)
    // reads the concat.
    private static TestGraph ConcatBetweenConvs() => new TestGraph().Input("x", 1, 16, 8, 8).Weight("w", 16, 16, 3, 3).Weight("w2", 16, 32, 1, 1)
        .Node("Conv", ["x", "w"], ["a"], ("pads", new[] { 1, 1, 1, 1 }))
        .Node("Conv", ["a", "w"], ["b"], ("pads", new[] { 1, 1, 1, 1 }))
        .Node("Concat", ["a", "b"], ["c"], ("axis", 1L))
        .Node("Conv", ["c", "w2"], ["y"]);

    private static IReadOnlyList<Kernel> Detect(TestGraph graph, string runtime, Precision? precision) =>
        KernelDetector.Detect(Profiler.Profile(graph.BuildModel("y"), new ProfileOptions { Precision = precision }), RuntimeCatalog.BuiltIn.Get(runtime));

    [Fact]
    public void TensorRtInt8EngineRunsConcatInFp16AndReformatsItForTheNextConvolution()
    {
        var kernels = Detect(ConcatBetweenConvs(), "tensorrt", Precision.Int8);

        Assert.Equal("Conv | Conv | Concat | Reformat | Conv", string.Join(" | ", kernels.Select(k => k.Op)));
        var (a, b, concat, reformat, c) = (kernels[0], kernels[1], kernels[2], kernels[3], kernels[4]);
        // Conv a: reads x (1,024) + w (2,304) at one byte; its output is read by Conv b (INT8) too, so it stays INT8.
        Assert.Null(a.Precision);
        Assert.Equal(1024 + 2304, a.BytesRead);
        Assert.Equal(1024, a.BytesWritten);
        // Conv b's output is read only by the FP16 concat: written in FP16 by the convolution itself.
        Assert.Equal(2048, b.BytesWritten);
        // The concat runs in FP16: reads a and b (2 x 1,024 elements) and writes c (2,048 elements) at two bytes.
        Assert.Equal(Precision.Fp16, concat.Precision);
        Assert.Equal(4096, concat.BytesRead);
        Assert.Equal(4096, concat.BytesWritten);
        // One reformat of c (2,048 elements) before the INT8 convolution: reads FP16, writes INT8.
        Assert.Equal(KernelClass.DataMovement, reformat.Class);
        Assert.Equal("reformat", reformat.Rule);
        Assert.Empty(reformat.Nodes);
        Assert.Equal(4096, reformat.BytesRead);
        Assert.Equal(2048, reformat.BytesWritten);
        Assert.Equal(2048 + 512, c.BytesRead);
    }

    [Fact]
    public void Fp16EnginesAndRuntimesWithoutInt8ClassesAreUnchanged()
    {
        Assert.Equal("Conv | Conv | Concat | Conv", string.Join(" | ", Detect(ConcatBetweenConvs(), "tensorrt", Precision.Fp16).Select(k => k.Op)));
        var ortCuda = Detect(ConcatBetweenConvs(), "ort-cuda", Precision.Int8);
        Assert.Equal("Conv | Conv | Concat | Conv", string.Join(" | ", ortCuda.Select(k => k.Op)));
        Assert.All(ortCuda, k => Assert.Null(k.Precision));
    }

    // A toy GPU: fp16 10 TFLOP/s, int8 20 TOPS, 1000 GB/s, 10 SMs, efficiencies 1.
    private static readonly DeviceProfile Gpu = new()
    {
        Id = "toy-gpu", Name = "Toy GPU", Kind = "gpu", PeakTflops = new Dictionary<string, double> { ["fp32"] = 5, ["fp16"] = 10, ["int8"] = 20 },
        MemoryBandwidthGBs = 1000, ComputeEfficiency = 1, MemoryEfficiency = 1, ParallelUnits = 10,
    };

    [Fact]
    public void Fp16KernelsOfAnInt8EngineComputeAtTheFp16Peak()
    {
        // A Softmax over 1x16x64x64 (65,536 elements) feeding a convolution of an INT8 engine: the Softmax kernel runs in
        // FP16, the convolution in INT8, with a reformat between them.
        var graph = new TestGraph().Input("x", 1, 16, 64, 64).Weight("w", 16, 16, 1, 1)
            .Node("Softmax", ["x"], ["s"], ("axis", 1L))
            .Node("Conv", ["s", "w"], ["y"]);
        var estimate = RooflineEstimator.Estimate(Profiler.Profile(graph.BuildModel("y"), new ProfileOptions { Precision = Precision.Int8 }), Gpu, "tensorrt");
        var softmax = estimate.Kernels.Single(k => k.Kernel.Op == "Softmax");
        var conv = estimate.Kernels.Single(k => k.Kernel.Op == "Conv");

        Assert.Equal(Precision.Fp16, softmax.Kernel.Precision);
        // Normalization class: compute efficiency 0.25 of the device's; utilisation of 65,536 / 8,192 = 8 units on 10.
        Assert.Equal(softmax.Kernel.Flops / (10e12 * 0.25 * Utilisation.Compute(softmax.Kernel.ParallelWork, 10)), softmax.ComputeSeconds, 15);
        Assert.Equal(conv.Kernel.Flops / (20e12 * Utilisation.Compute(conv.Kernel.ParallelWork, 10)), conv.ComputeSeconds, 15);
        Assert.Contains(estimate.Kernels, k => k.Kernel.Rule == "reformat");

        // JSON names the FP16 kernel's precision; INT8 kernels (the model's precision) carry no field.
        using var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            KernelJson.Write(json, estimate);
            json.WriteEndObject();
        }

        using var doc = System.Text.Json.JsonDocument.Parse(stream.ToArray());
        var kernels = doc.RootElement.GetProperty("kernels").EnumerateArray().ToList();
        Assert.Equal("fp16", kernels.Single(k => k.GetProperty("op").GetString() == "Softmax").GetProperty("precision").GetString());
        Assert.False(kernels.Single(k => k.GetProperty("op").GetString() == "Conv").TryGetProperty("precision", out _));
    }

    [Fact]
    public void PyTorchEagerOnACpuRunsDenseKernelsAtOneOver157OfTheDefault()
    {
        var cpu = Gpu with { Id = "toy-cpu", Kind = "cpu", ComputeEfficiency = 0.6, MemoryEfficiency = 0.5 };
        var eager = RuntimeCatalog.BuiltIn.Get("torch-eager");

        Assert.Equal(0.6 / 1.57, KernelCosts.Efficiency(cpu, eager, KernelClass.Conv).ComputeEfficiency, 12);
        Assert.Equal(0.6 / 1.57, KernelCosts.Efficiency(cpu, eager, KernelClass.Gemm).ComputeEfficiency, 12);
        Assert.Equal(0.6 * 0.2 / 1.57, KernelCosts.Efficiency(cpu, eager, KernelClass.DepthwiseConv).ComputeEfficiency, 12);
        Assert.Equal(0.5, KernelCosts.Efficiency(cpu, eager, KernelClass.Conv).MemoryEfficiency, 12);
        // Other classes and GPUs keep the runtime's defaults.
        Assert.Equal(0.6 * 0.5, KernelCosts.Efficiency(cpu, eager, KernelClass.Elementwise).ComputeEfficiency, 12);
        Assert.Equal(0.6, KernelCosts.Efficiency(Gpu with { ComputeEfficiency = 0.6 }, eager, KernelClass.Conv).ComputeEfficiency, 12);
    }
}
