using System.Text.Json;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public void JsonOnStdoutRecordsTheMachineAndLayers()
    {
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--runs", "2", "--warmup", "1", "--layer-runs", "2",
            "--threads", "1", "--graph-optimization", "none", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("flopscope.bench/1", root.GetProperty("schema").GetString());
        Assert.Equal(2, root.GetProperty("latency").GetProperty("runs").GetInt32());
        Assert.Equal("cpu", root.GetProperty("machine").GetProperty("provider").GetString());
        Assert.Equal(1, root.GetProperty("machine").GetProperty("threads").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("machine").GetProperty("cpu").GetString()));
        Assert.Equal("exact", root.GetProperty("layers").GetProperty("attribution").GetString());
        Assert.Contains("squeezenet1_1 bench: median", result.Stderr);
    }

    [Fact]
    public void DeviceAddsEstimatedNextToMeasured()
    {
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--runs", "2", "--warmup", "1", "--layer-runs", "1",
            "--threads", "1", "--graph-optimization", "none", "--device", "i9-13900k", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var estimate = json.RootElement.GetProperty("estimate");
        Assert.Equal("i9-13900k", estimate.GetProperty("device").GetString());
        Assert.True(estimate.GetProperty("estimated_ms").GetDouble() > 0);
        Assert.Equal(json.RootElement.GetProperty("latency").GetProperty("median_ms").GetDouble(), estimate.GetProperty("measured_ms").GetDouble());
        var conv = estimate.GetProperty("by_op").EnumerateArray().Single(o => o.GetProperty("op").GetString() == "Conv");
        Assert.True(conv.GetProperty("measured_ms").GetDouble() > 0);
        Assert.True(conv.GetProperty("estimated_ms").GetDouble() > 0);
    }

    [Fact]
    public void ConsoleShowsLatencyAndTimeShareNextToFlopShare()
    {
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--runs", "2", "--warmup", "0", "--layer-runs", "1", "--threads", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("median", result.Stdout);
        Assert.Contains("% FLOPs", result.Stdout);
        Assert.Contains("by op type", result.Stdout);
    }

    [Fact]
    public void UnavailableProviderIsOneLineAndExitTwo()
    {
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--provider", "cuda");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: Provider 'cuda' is not available in this build of ONNX Runtime", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void UnknownOptimizationLevelIsOneLineAndExitTwo()
    {
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--graph-optimization", "max");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown graph optimization level 'max'", result.Stderr);
    }

    [Fact]
    public void CalibrateWritesADeviceProfileWhereItSays()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flopscope-device-{Guid.NewGuid():N}.json");
        try
        {
            var result = CliRunner.Run("calibrate", "--threads", "1", "--duration", "0.05", "--output", path);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains(path, result.Stdout);
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("local", json.RootElement.GetProperty("id").GetString());
            Assert.True(json.RootElement.GetProperty("peak_tflops").GetProperty("fp32").GetDouble() > 0);
            Assert.Equal("ort-cpu", json.RootElement.GetProperty("runtime").GetString());
            var classes = json.RootElement.GetProperty("runtimes").GetProperty("ort-cpu").GetProperty("classes");
            Assert.Equal(["attention", "conv", "data_movement", "depthwise_conv", "elementwise", "gemm", "grouped_im2col", "normalization", "pooling", "strided_copy"],
                classes.EnumerateObject().Select(p => p.Name).Order());
            Assert.Contains("median probe error", result.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
