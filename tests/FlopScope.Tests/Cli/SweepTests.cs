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
    public void BadSweepIsExitTwo()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--sweep", "imgsz=640");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --sweep takes NAME=SIZE,SIZE,...", result.Stderr.Trim());
    }
}
