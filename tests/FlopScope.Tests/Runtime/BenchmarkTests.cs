using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx;
using FlopScope.Onnx.Writing;
using FlopScope.Runtime;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Runtime;

public sealed class BenchmarkTests
{
    private static readonly BenchOptions Quick = new() { Warmup = 1, Runs = 3, LayerRuns = 3, Threads = 1 };

    [Fact]
    public void WithoutOptimizationsEveryNodeIsTimedExactlyOnceAndNodeTimesAddUpToTheRun()
    {
        var model = OnnxModel.Load(Fixtures.Model("squeezenet1_1"));
        var report = model.Benchmark(Quick with { Optimization = GraphOptimization.None, LayerRuns = 6 });

        var timing = Assert.IsType<LayerTiming>(report.Layers);
        Assert.Equal("exact", timing.Attribution);
        Assert.Equal(model.Model.Graph.Nodes.Count, timing.Layers.Count);
        Assert.Equal(Enumerable.Range(0, timing.Layers.Count), timing.Layers.Select(l => l.Index));
        var covered = timing.Kernels.SelectMany(k => k.Covers).ToList();
        Assert.Equal(covered.Count, covered.Distinct().Count());
        Assert.Equal(timing.Layers.Count, covered.Count);
        Assert.All(timing.Kernels, k => Assert.Single(k.Covers));
        Assert.InRange(timing.Layers.Sum(l => l.TimeMs), 0.85 * timing.RunMs, 1.0001 * timing.RunMs);
        Assert.Equal(3, report.Latency.Runs);
        Assert.True(report.AchievedGflops > 0);
    }

    [Fact]
    public void WithOptimizationsFusedKernelsCoverEachOriginalNodeAtMostOnceAndKeepAllKernelTime()
    {
        var report = ModelCache.Fixture("resnet18") is var cached && cached.Path is not null
            ? OnnxModel.Load(cached.Path).Benchmark(Quick with { Optimization = GraphOptimization.All })
            : throw new InvalidOperationException();

        var timing = report.Layers!;
        Assert.Equal("mapped", timing.Attribution);
        var covered = timing.Kernels.SelectMany(k => k.Covers).ToList();
        Assert.Equal(covered.Count, covered.Distinct().Count());
        Assert.Contains(timing.Kernels, k => k.Covers.Count > 1);
        Assert.All(timing.Layers.Where(l => l.Op == "Conv"), l => Assert.NotNull(l.Kernel));
        Assert.Equal(timing.KernelMs, timing.Layers.Sum(l => l.TimeMs) + timing.Kernels.Where(k => k.Covers.Count == 0).Sum(k => k.TimeMs), 6);
    }

    [Fact]
    public void EmbeddingIdsStayInsideTheVocabulary()
    {
        var graph = new TestGraph().Input("ids", DataType.Int64, 1, 8).Weight("table", 50, 4).Node("Gather", ["table", "ids"], ["y"]).Build("y");

        Assert.Equal(50, InputFactory.VocabularyOf(graph, "ids"));
    }

    [Fact]
    public void JsonRoundTripsWithoutLoss()
    {
        var report = BenchOn(SmallGraph(), Quick with { Optimization = GraphOptimization.None });

        var json = report.Serialize();
        var back = BenchReport.Deserialize(json);

        Assert.Equal(json, back.Serialize());
        Assert.Equal(report.Latency, back.Latency);
        Assert.Equal(report.Machine, back.Machine);
        Assert.Equal(report.Layers!.Layers, back.Layers!.Layers);
        Assert.Contains("\"ort_version\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingExternalDataSaysBenchNeedsTheWeights()
    {
        var folder = Directory.CreateTempSubdirectory("flopscope-test-");
        try
        {
            var graph = new TestGraph().Input("x", 1, 4).Node("MatMul", ["x", "w"], ["y"]).Build();
            var weights = new Dictionary<string, TensorDescriptor>
            {
                ["w"] = new() { Name = "w", DataType = DataType.Float, Dims = [4, 4], IsExternal = true, ExternalLocation = "weights.bin" },
            };
            var model = new Model(new Graph.Graph("g", graph.Nodes, graph.Inputs, [new ValueInfo("y", DataType.Float, new TensorShape(1, 4))], weights), new Dictionary<string, long> { [string.Empty] = 17 });
            var path = Path.Combine(folder.FullName, "m.onnx");
            File.WriteAllBytes(path, OnnxWriter.Write(model));

            var loaded = OnnxModel.Load(path);
            Assert.True(loaded.Profile().Summary.Nodes == 1);
            var error = Assert.Throws<FlopScopeException>(() => loaded.Benchmark(Quick));
            Assert.StartsWith("bench needs the weight data; profile does not:", error.Message, StringComparison.Ordinal);
            Assert.Contains("weights.bin", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void UnavailableProviderIsAFlopScopeError()
    {
        var error = Assert.Throws<FlopScopeException>(() => BenchOn(SmallGraph(), Quick with { Provider = "cuda" }));

        Assert.Contains("Provider 'cuda' is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledBeforeTimingThrowsAndTraceFolderIsGone()
    {
        var before = Directory.GetDirectories(Path.GetTempPath(), "flopscope-bench-*").Length;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => BenchOn(SmallGraph(), Quick, cancelled.Token));
        BenchOn(SmallGraph(), Quick);
        Assert.Equal(before, Directory.GetDirectories(Path.GetTempPath(), "flopscope-bench-*").Length);
    }

    [Fact]
    public void CalibrationGraphsRunAndGiveADeviceProfile()
    {
        var result = Calibrator.Calibrate(new CalibrateOptions
        {
            Threads = 1, DurationPerProbe = TimeSpan.FromMilliseconds(50), MatMulSize = 128, MatMulCount = 2, StreamElements = 1 << 16, OverheadOps = 20,
        });

        Assert.True(result.MatMulGflops > 0);
        Assert.True(result.BandwidthGBs > 0);
        Assert.True(result.KernelOverheadUs > 0);
        Assert.Equal("local", result.Device.Id);
        // The profile stores TFLOP/s rounded to 6 decimals, raised by the fastest class's compute efficiency when a
        // class probe beat the MatMul reference (ClassCalibration.Normalised; rounded again after the raise).
        var scale = result.Classes is { } classes ? Math.Max(1, classes.Fit.Parameters.Classes.Values.Select(e => e.ComputeEfficiency).DefaultIfEmpty(1).Max()) : 1;
        Assert.InRange(Math.Abs((result.MatMulGflops / 1000 * scale) - result.Device.PeakTflops["fp32"]), 0, (0.5e-6 * scale) + 0.5e-6 + 1e-12);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, FlopScope.Hardware.DeviceCatalog.Serialize(result.Device));
            Assert.Equal(result.Device.KernelOverheadUs, FlopScope.Hardware.DeviceCatalog.BuiltIn().With(path).Get("local").KernelOverheadUs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static Model SmallGraph()
    {
        var graph = new TestGraph()
            .Input("x", 1, 64)
            .Weight("w1", 64, 64)
            .Weight("w2", 64, 64)
            .Node("MatMul", ["x", "w1"], ["h"])
            .Node("Relu", ["h"], ["r"])
            .Node("MatMul", ["r", "w2"], ["y"])
            .Build();
        var typed = new Graph.Graph("small", graph.Nodes, graph.Inputs, [new ValueInfo("y", DataType.Float, new TensorShape(1, 64))], graph.Initializers);
        return new Model(typed, new Dictionary<string, long> { [string.Empty] = 17 });
    }

    internal static BenchReport BenchOn(Model model, BenchOptions options, CancellationToken token = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"flopscope-small-{Guid.NewGuid():N}.onnx");
        try
        {
            File.WriteAllBytes(path, OnnxWriter.Write(model));
            return OnnxModel.Load(path).Benchmark(options, cancellationToken: token);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
