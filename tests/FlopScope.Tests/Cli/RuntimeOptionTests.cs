using System.Text.Json;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>--runtime on the commands that estimate, the runtime named in every output, kernels in JSON, and the
/// training step time of estimate --training.</summary>
public sealed class RuntimeOptionTests
{
    [Fact]
    public void EstimateJsonNamesTheRuntimeAndListsKernelsWithTheirNodesAndClass()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "h200", "--runtime", "torch-cudagraph", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var device = json.RootElement.GetProperty("devices")[0];
        Assert.Equal("torch-cudagraph", device.GetProperty("runtime").GetString());
        var kernels = device.GetProperty("kernels").EnumerateArray().ToList();
        // torch-cudagraph fuses nothing: one kernel per computing node (20 Conv, 17 Relu, 8 Add, MaxPool, GAP, Gemm); Flatten is a free view.
        Assert.Equal(48, kernels.Count);
        Assert.Equal("conv", kernels[0].GetProperty("class").GetString());
        Assert.Equal(1, kernels[0].GetProperty("nodes").GetArrayLength());
        var total = kernels.Sum(k => k.GetProperty("time_us").GetDouble());
        Assert.Equal(device.GetProperty("latency_ms").GetDouble() * 1000, total, 0);
    }

    [Fact]
    public void EstimateUsesEachDevicesUsualRuntimeAndSaysSo()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "rpi5,t4", "--format", "csv");

        Assert.Contains("rpi5,ort-cpu,", result.Stdout);
        Assert.Contains("t4,tensorrt,", result.Stdout);
    }

    [Fact]
    public void ARuntimeTheDeviceCannotRunIsOneLineAndExitCode2()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "rpi5", "--runtime", "tensorrt");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Runtime 'tensorrt' does not run on device 'rpi5'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void ProfileRuntimeNeedsADevice()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"), "--runtime", "ort-cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--runtime needs --device", result.Stderr);
    }

    [Fact]
    public void CompareHeadersNameTheRuntime()
    {
        var result = CliRunner.Run("compare", Fixtures.Model("resnet18"), "--device", "t4", "--runtime", "ort-cuda", "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("t4 (ort-cuda) est. ms", result.Stdout);
    }

    [Fact]
    public void TrainingPrintsTheStepTimeTitledAsSuch()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "t4", "--training", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var device = json.RootElement.GetProperty("devices")[0];
        var step = device.GetProperty("training_step");
        var forward = step.GetProperty("forward_ms").GetDouble();
        Assert.Equal(device.GetProperty("latency_ms").GetDouble(), forward, 5);
        Assert.True(step.GetProperty("backward_ms").GetDouble() > forward, "backward has twice the products of forward");
        // JSON writes each figure to 6 decimals (±5e-7 each), so the sum of three printed parts is within 1.5e-6 ms.
        var parts = forward + step.GetProperty("backward_ms").GetDouble() + step.GetProperty("optimizer_ms").GetDouble();
        Assert.InRange(Math.Abs(parts - step.GetProperty("step_ms").GetDouble()), 0, 1.5e-6 + 1e-12);

        var console = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "t4", "--training");
        Assert.Contains("Estimated training step time (forward + backward + adamw update", console.Stdout.ReplaceLineEndings(" "));
    }
}
