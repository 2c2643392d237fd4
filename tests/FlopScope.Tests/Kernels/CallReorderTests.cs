using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>PyTorch eager's per-call oneDNN reorders on CPUs (docs/estimator.md, "PyTorch eager on CPUs: per-call
/// reorders") on hand-built graphs and a toy CPU with hand-computed answers.</summary>
public sealed class CallReorderTests
{
    // A toy CPU: fp32 1 TFLOP/s, 100 GB/s, efficiencies 1, one core (utilisation 1), no cache profile.
    private static readonly DeviceProfile Cpu = ToyDevices.Cpu(parallelUnits: 1);

    // x: 1x16x64x64 fp32 (65,536 elements, 262,144 bytes); w: 16x16x3x3 (2,304 elements, 9,216 bytes); y like x.
    private static ProfileReport Conv3x3() => Profiler.Profile(new TestGraph().Input("x", 1, 16, 64, 64).Weight("w", 16, 16, 3, 3)
        .Node("Conv", ["x", "w"], ["y"], ("pads", new[] { 1, 1, 1, 1 })).BuildModel("y"));

    private static IReadOnlyList<Kernel> Detect(ProfileReport report, DeviceProfile device) =>
        KernelDetector.Detect(report, RuntimeCatalog.OnDevice(RuntimeCatalog.BuiltIn.Get("torch-eager"), device));

    [Fact]
    public void EagerConvolutionOnACpuReordersInputWeightsAndOutputEachCall()
    {
        var kernels = Detect(Conv3x3(), Cpu);

        Assert.Equal("ReorderSrc | ReorderWeights | Conv | ReorderDst", string.Join(" | ", kernels.Select(k => k.Op)));
        var (src, weights, dst) = (kernels[0], kernels[1], kernels[3]);
        Assert.All(new[] { src, weights, dst }, k =>
        {
            Assert.Equal(KernelClass.DataMovement, k.Class);
            Assert.Equal("call-reorder", k.Rule);
            Assert.Empty(k.Nodes);
            Assert.Equal(0, k.Layer);
        });
        // Each reorder reads its tensor in one layout and writes it in the other.
        Assert.Equal(262_144, src.BytesRead);
        Assert.Equal(262_144, src.BytesWritten);
        Assert.Equal(9_216, weights.BytesRead);
        Assert.Equal(9_216, weights.BytesWritten);
        Assert.Equal(262_144, dst.BytesRead);
        Assert.Equal(262_144, dst.BytesWritten);
    }

    [Fact]
    public void GpusAndOtherRuntimesInsertNoReorders()
    {
        Assert.Equal("Conv", string.Join(" | ", Detect(Conv3x3(), Cpu with { Kind = "gpu" }).Select(k => k.Op)));
        Assert.Equal("Conv", string.Join(" | ", KernelDetector.Detect(Conv3x3(), RuntimeCatalog.OnDevice(RuntimeCatalog.BuiltIn.Get("ort-cpu"), Cpu)).Select(k => k.Op)));
        // Without a device the runtime has no reorder rule in force.
        Assert.Equal("Conv", string.Join(" | ", KernelDetector.Detect(Conv3x3(), RuntimeCatalog.BuiltIn.Get("torch-eager")).Select(k => k.Op)));
    }

    [Fact]
    public void ADeviceWhosePyTorchHasNoOneDnnTurnsTheReordersOff()
    {
        var noOneDnn = Cpu with { Runtimes = new Dictionary<string, RuntimeSettings> { ["torch-eager"] = new() { CallReorders = false } } };

        Assert.Equal("Conv", string.Join(" | ", Detect(Conv3x3(), noOneDnn).Select(k => k.Op)));
        // The catalogue: Apple silicon CPUs (macOS arm64 wheels without oneDNN) opt out; the Raspberry Pi 5 does not.
        Assert.Equal(0, Detect(Conv3x3(), DeviceCatalog.BuiltIn().Get("m1-cpu")).Count(k => k.Rule == "call-reorder"));
        Assert.Equal(0, Detect(Conv3x3(), DeviceCatalog.BuiltIn().Get("m2max-cpu")).Count(k => k.Rule == "call-reorder"));
        Assert.Equal(3, Detect(Conv3x3(), DeviceCatalog.BuiltIn().Get("rpi5")).Count(k => k.Rule == "call-reorder"));
    }

    [Theory]
    // 1x8x16x16 = 2,048 input elements (at most 20,480), batch 1, one group, 3x3: PyTorch's native path, no reorders.
    [InlineData(1, 8, 16, 3, 1, false)]
    // 1x8x64x64 = 32,768 elements: oneDNN.
    [InlineData(1, 8, 64, 3, 1, true)]
    // The boundary: 1x20x32x32 = 20,480 elements stays native, 1x21x32x32 = 21,504 goes to oneDNN.
    [InlineData(1, 20, 32, 3, 1, false)]
    [InlineData(1, 21, 32, 1, 1, true)]
    // Small but depthwise (group 8), or a 5x5 kernel, or batch 2: oneDNN.
    [InlineData(1, 8, 16, 3, 8, true)]
    [InlineData(1, 8, 16, 5, 1, true)]
    [InlineData(2, 8, 16, 3, 1, true)]
    public void SmallBatchOneConvolutionsTakePyTorchsNativePathWithoutReorders(int batch, int channels, int size, int kernel, int group, bool reorders)
    {
        var pad = kernel / 2;
        var report = Profiler.Profile(new TestGraph().Input("x", batch, channels, size, size).Weight("w", channels, channels / group, kernel, kernel)
            .Node("Conv", ["x", "w"], ["y"], ("pads", new[] { pad, pad, pad, pad }), ("group", (long)group)).BuildModel("y"));

        Assert.Equal(reorders ? 3 : 0, Detect(report, Cpu).Count(k => k.Rule == "call-reorder"));
    }

    [Theory]
    // PyTorch sends a kernel to oneDNN only when it is larger than 3 in both directions: 1x7 and 7x1 (Inception's
    // factorised convolutions) stay native, 5x5 does not (observed with torch 1.13's profiler on 1x8x16x16:
    // aten::thnn_conv2d for 3x3, 1x5, 5x1 and 1x7, aten::mkldnn_convolution for 5x5).
    [InlineData(1, 7, false)]
    [InlineData(7, 1, false)]
    [InlineData(5, 5, true)]
    public void OnlyAKernelLargeBothWaysLeavesTheNativePath(int kh, int kw, bool reorders)
    {
        var report = Profiler.Profile(new TestGraph().Input("x", 1, 8, 16, 16).Weight("w", 8, 8, kh, kw)
            .Node("Conv", ["x", "w"], ["y"], ("pads", new long[] { kh / 2, kw / 2, kh / 2, kw / 2 })).BuildModel("y"));

        Assert.Equal(reorders ? 3 : 0, Detect(report, Cpu).Count(k => k.Rule == "call-reorder"));
    }

    [Fact]
    public void ReordersAddTheirTimeToTheConvolutionsLayer()
    {
        var estimate = RooflineEstimator.Estimate(Conv3x3(), Cpu, "torch-eager");

        // Conv: 2 x 16 x 16 x 9 x 64 x 64 = 18,874,368 FLOPs at 1 TFLOP/s x (1 / 1.57) = 29.63275776 us (compute-bound:
        // its 533,504 bytes take 5.33504 us) + 10 us torch-eager CPU overhead.
        // Reorders (data movement, memory efficiency 0.6): src and dst 2 x 262,144 bytes / 60 GB/s = 8.73813333 us each,
        // weights 2 x 9,216 bytes / 60 GB/s = 0.3072 us, each + 10 us.
        const double expectedUs = 29.63275776 + 10 + (2 * (524_288 / 60e3)) + (18_432 / 60e3) + 30;
        Assert.Equal(expectedUs, estimate.LatencySeconds * 1e6, 6);
        // The layer's time is the sum of its four kernels' (they run one after another), not the max of their roofs.
        Assert.Equal(estimate.Kernels.Sum(k => k.Seconds), estimate.LatencySeconds, 12);
        Assert.Equal(4, estimate.Kernels.Count);
    }

    [Fact]
    public void ReordersStayAdditiveWhenMemoryDoesNotOverlapCompute()
    {
        // With no overlap every kernel costs compute + memory; the layer still costs the sum of its four kernels.
        var device = Cpu with { Runtimes = new Dictionary<string, RuntimeSettings> { ["torch-eager"] = new() { MemoryOverlap = 0 } } };
        var estimate = RooflineEstimator.Estimate(Conv3x3(), device, "torch-eager");

        var conv = estimate.Kernels.Single(k => k.Kernel.Op == "Conv");
        Assert.Equal(conv.ComputeSeconds + conv.MemorySeconds + conv.OverheadSeconds, conv.Seconds, 15);
        Assert.Equal(estimate.Kernels.Sum(k => k.Seconds), estimate.LatencySeconds, 12);
    }
}
