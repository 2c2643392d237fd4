using FlopScope.Hardware;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Memory;

public sealed class MemoryAnalyzerTests
{
    // x (1000 fp32 = 4,000 B) -> Relu -> a -> Relu -> b; c = Add(a, b) is the output.
    // Step 0 holds x and a (8,000 B); x dies after step 0; step 1 holds a and b (8,000 B); step 2 a, b, c (12,000 B).
    private static TestGraph Chain() => new TestGraph().Input("x", 1, 1000)
        .Node("Relu", ["x"], ["a"]).Node("Relu", ["a"], ["b"]).Node("Add", ["a", "b"], ["c"]);

    [Fact]
    public void PeakActivationMemoryFollowsLiveness()
    {
        var report = Profiler.Profile(Chain().BuildModel("c"));

        Assert.Equal(12_000, report.Memory.PeakActivationBytes);
        Assert.Equal(0, report.Memory.WeightBytes);
    }

    [Fact]
    public void PrecisionScalesFloatingPointTensors()
    {
        var report = Profiler.Profile(Chain().BuildModel("c"), new ProfileOptions { Precision = Precision.Fp16 });

        Assert.Equal(6_000, report.Memory.PeakActivationBytes);
        Assert.Equal("fp16", report.Memory.Precision);
    }

    [Fact]
    public void TrafficCountsInputsWeightsAndOutputs()
    {
        // Gemm 1x256 by 256x10 weight + bias 10: reads 1,024 + 10,240 + 40 bytes, writes 40.
        var model = new TestGraph().Input("x", 1, 256).Weight("w", 256, 10).Weight("b", 10)
            .Node("Gemm", ["x", "w", "b"], ["y"]).BuildModel("y");

        var layer = Assert.Single(Profiler.Profile(model).Layers);

        Assert.Equal(1_024, layer.Traffic.ActivationBytesRead);
        Assert.Equal(10_280, layer.Traffic.WeightBytesRead);
        Assert.Equal(40, layer.Traffic.BytesWritten);
        Assert.Equal((2.0 * 2560 + 10) / (1_024 + 10_280 + 40), layer.Intensity, 12);
    }

    [Fact]
    public void ViewsShareTheirInputsBufferAndMoveNothing()
    {
        // x (4,000 B) -> Reshape -> r (a view of x) -> Relu -> y (4,000 B): peak 8,000, not 12,000.
        var model = new TestGraph().Input("x", 1, 1000).Ints("shape", [10, 100])
            .Node("Reshape", ["x", "shape"], ["r"]).Node("Relu", ["r"], ["y"]).BuildModel("y");

        var report = Profiler.Profile(model);

        Assert.Equal(8_000, report.Memory.PeakActivationBytes);
        Assert.True(report.Layers[0].Free);
        Assert.Equal(0, report.Layers[0].Traffic.TotalBytes);
    }
}
