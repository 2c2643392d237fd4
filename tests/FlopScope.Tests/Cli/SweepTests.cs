using System.Text.Json;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class SweepTests
{
    [Fact]
    public void ImageSizeSweepPrintsTheExactFormula()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("resnet18"), "--sweep", "imgsz=224,320,448,640");

        Assert.Equal(0, result.ExitCode);
        // 72,288 S^2 from the convolutions (multiples of 32), 1,024,000 from the fc layer that global pooling isolates.
        Assert.Contains("FLOPs(S) = 1,024,000 + 72,288 S^2", result.Stdout);
        Assert.Contains("parameters(S) = 11,680,872", result.Stdout);
    }

    [Fact]
    public void JsonSweepListsPointsAndFormulas()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--sweep", "batch=1,2,3,4", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(4, json.RootElement.GetProperty("points").GetArrayLength());
        // Batch scales every op linearly: FLOPs = 698,303,872 B.
        Assert.Equal("698,303,872 B", json.RootElement.GetProperty("formulas").GetProperty("flops").GetString());
    }

    [Fact]
    public void BenchedSweepAddsMeasuredMedians()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--sweep", "batch=1,2,3", "--bench", "--bench-runs", "1", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.All(json.RootElement.GetProperty("points").EnumerateArray(), p => Assert.True(p.GetProperty("measured_ms").GetDouble() > 0));
        Assert.Contains("bench batch=3 (1 runs)", result.Stderr);
    }

    [Fact]
    public void RunningAStaticModelAtAnotherSizeIsOneLineNotAStackTrace()
    {
        // squeezenet1_1's H and W are static (224): profile analyses 160, ONNX Runtime cannot run it.
        var result = CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--imgsz", "160", "--runs", "1", "--layer-runs", "0");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Trim().Split('\n');
        Assert.StartsWith("error: ONNX Runtime refused the model or its inputs:", lines[^1]);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void BadSweepIsExitTwo()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--sweep", "imgsz=640");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --sweep takes NAME=SIZE,SIZE,...", result.Stderr.Trim());
    }
}
