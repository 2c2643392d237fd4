using System.Text.Json;
using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Onnx;
using FlopScope.Runtime;
using FlopScope.Runtime.Calibration;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Calibration;

/// <summary><c>calibrate --from</c>: real bench results of fixture models, fitted; and its error paths.</summary>
public sealed class BenchCalibrationTests : IClassFixture<BenchCalibrationTests.Benches>
{
    private readonly Benches _benches;

    public BenchCalibrationTests(Benches benches) => _benches = benches;

    /// <summary>Two fixture models benched once (few runs, one thread) as JSON files, shared by the tests.</summary>
    public sealed class Benches : IDisposable
    {
        private readonly TempFolder _folder = new();

        public Benches()
        {
            var options = new BenchOptions { Warmup = 1, Runs = 3, LayerRuns = 2, Threads = 1 };
            foreach (var name in new[] { "squeezenet1_1", "mobilenet_v2" })
            {
                var report = OnnxModel.Load(Fixtures.Model(name)).Benchmark(options);
                File.WriteAllText(_folder.File(name + ".bench.json"), report.Serialize());
            }
        }

        public string Bench(string model) => _folder.File(model + ".bench.json");

        public string Folder => _folder.Path;

        public void Dispose() => _folder.Dispose();
    }

    [Fact]
    public void TheFittedProfileIsADeviceFileWhoseEstimatesAreTheFitsOwnFigures()
    {
        var models = BenchCalibration.Load([_benches.Bench("squeezenet1_1"), _benches.Bench("mobilenet_v2"), Fixtures.Model("mobilenet_v2"), Fixtures.Model("squeezenet1_1")]);
        var device = DeviceCatalog.BuiltIn().Get("rpi5") with { Id = "fitted" };

        var result = BenchCalibration.Fit(models, device, RuntimeCatalog.BuiltIn.Get("ort-cpu"));

        Assert.Equal(["squeezenet1_1", "mobilenet_v2"], result.Models.Select(m => m.Model));
        var path = Path.Combine(_benches.Folder, "fitted.json");
        File.WriteAllText(path, DeviceCatalog.Serialize(result.Device));
        var loaded = DeviceCatalog.BuiltIn().With(path).Get("fitted");
        var section = Assert.Single(loaded.Runtimes!);
        Assert.Equal("ort-cpu", section.Key);
        Assert.Equal(KernelClasses.All.Select(c => c.Id()).Order(), section.Value.Classes.Keys.Order());
        Assert.All(section.Value.Classes.Values, c =>
        {
            Assert.InRange(c.ComputeEfficiency, EfficiencyFit.MinEfficiency, EfficiencyFit.MaxEfficiency);
            Assert.InRange(c.MemoryEfficiency, EfficiencyFit.MinEfficiency, EfficiencyFit.MaxEfficiency);
        });
        foreach (var (model, row) in models.Zip(result.Models))
        {
            // The estimator on the written file gives the fit's figure (efficiencies are stored to 4 decimals).
            var estimated = RooflineEstimator.Estimate(model.Profile, loaded, "ort-cpu").LatencyMs;
            Assert.InRange(estimated / row.FittedMs, 0.995, 1.005);
            // Measured is the bench median, through seconds and back (ms / 1e3 * 1e3 need not round-trip exactly).
            Assert.Equal(model.Bench.Latency.MedianMs, row.MeasuredMs, 9);
            Assert.NotNull(row.LeftOutMs);
            Assert.True(row.Matched > 0);
        }
    }

    [Fact]
    public void FromWritesTheProfileAndPrintsTheLeaveOneModelOutError()
    {
        var output = Path.Combine(_benches.Folder, "cli.json");
        var result = CliRunner.Run("calibrate", "--from", _benches.Bench("squeezenet1_1"), _benches.Bench("mobilenet_v2"),
            Fixtures.Model("squeezenet1_1"), Fixtures.Model("mobilenet_v2"), "--device", "rpi5", "--id", "pi-fitted", "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("leave-one-model-out error (max(est/meas, meas/est)): median ", result.Stdout);
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("pi-fitted", json.RootElement.GetProperty("id").GetString());
        Assert.True(json.RootElement.GetProperty("runtimes").GetProperty("ort-cpu").GetProperty("kernel_overhead_us").GetDouble() > 0);
    }

    [Fact]
    public void AMissingBenchFileIsOneLineAndExitTwo()
    {
        var result = CliRunner.Run("calibrate", "--from", Path.Combine(_benches.Folder, "absent.bench.json"), Fixtures.Model("squeezenet1_1"), "--device", "rpi5");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("absent.bench.json' not found", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ABenchOfADifferentModelIsOneLineAndExitTwo()
    {
        var result = CliRunner.Run("calibrate", "--from", _benches.Bench("squeezenet1_1"), Fixtures.Model("mobilenet_v2"), "--device", "rpi5");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("squeezenet1_1.bench.json is a bench of a different model: it measured 'squeezenet1_1'", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void ABenchWithoutItsModelOrWithoutADeviceIsOneLineAndExitTwo()
    {
        var noModel = CliRunner.Run("calibrate", "--from", _benches.Bench("squeezenet1_1"), _benches.Bench("mobilenet_v2"), Fixtures.Model("mobilenet_v2"), "--device", "rpi5");
        var noDevice = CliRunner.Run("calibrate", "--from", _benches.Bench("squeezenet1_1"), Fixtures.Model("squeezenet1_1"));

        Assert.Equal(2, noModel.ExitCode);
        Assert.Contains("is a bench of 'squeezenet1_1', and no model file of that name was given", Assert.Single(noModel.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.Equal(2, noDevice.ExitCode);
        Assert.Contains("calibrate --from needs --device", Assert.Single(noDevice.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public void ABenchWithoutPerLayerTimesIsOneLineAndExitTwo()
    {
        var report = OnnxModel.Load(Fixtures.Model("squeezenet1_1")).Benchmark(new BenchOptions { Warmup = 0, Runs = 1, LayerRuns = 0, Threads = 1 });
        var path = Path.Combine(_benches.Folder, "nolayers.bench.json");
        File.WriteAllText(path, report.Serialize());

        var result = CliRunner.Run("calibrate", "--from", path, Fixtures.Model("squeezenet1_1"), "--device", "rpi5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has no per-layer times: run bench with --layer-runs", Assert.Single(result.Stderr.Trim().Split('\n')), StringComparison.Ordinal);
    }
    [Fact]
    public void TheProfilersCostPerKernelComesOffEveryKernelAlikeBeforeTheTimesAreScaledToTheMedian()
    {
        // Profiled: a 1000-us group of one kernel and two 20-us groups of one and of three kernels, 1040 us in all over 5
        // kernels; the median is 1000 us. The 40-us excess is 8 us per kernel: 992, 12 and 20 - 24 = -4, which keeps a
        // twentieth of its 20 us (1). Net 1005 us, scaled by 1000/1005 to the median.
        var seconds = BenchCalibration.ToMedian([(1000e-6, 1), (20e-6, 1), (20e-6, 3)], 1000e-6);

        Assert.Equal(992e-6 * 1000 / 1005, seconds[0], 12);
        Assert.Equal(12e-6 * 1000 / 1005, seconds[1], 12);
        Assert.Equal(1e-6 * 1000 / 1005, seconds[2], 12);
    }

    [Fact]
    public void ProfiledTimesBelowTheMedianAreOnlyScaled()
    {
        // The profiled runs were faster than the timed ones (another speed level): one factor, no per-kernel part.
        var seconds = BenchCalibration.ToMedian([(300e-6, 1), (100e-6, 4)], 800e-6);

        Assert.Equal([600e-6, 200e-6], seconds.Select(x => Math.Round(x, 12)));
    }
}
