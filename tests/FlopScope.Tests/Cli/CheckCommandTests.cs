using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class CheckCommandTests
{
    [Fact]
    public void AllBudgetsHoldExitsZero()
    {
        // resnet18: 3.628 GFLOPs, 11.68 M parameters, 44.6 MiB weights + activations.
        var result = CliRunner.Run("check", Fixtures.Model("resnet18"), "--max-gflops", "4", "--max-params", "12M", "--max-memory", "100MB");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("all 3 budget(s) hold", result.Stdout);
    }

    [Fact]
    public void BrokenBudgetsExitOneAndSayByHowMuch()
    {
        var result = CliRunner.Run("check", Fixtures.Model("resnet18"), "--max-gflops", "3", "--max-params", "12M");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("BROKEN GFLOPs: 3.628 GFLOPs at 1x3x224x224 (limit 3 GFLOPs) (20.9% over)", result.Stdout);
        Assert.Contains("1 of 2 budget(s) broken", result.Stdout);
    }

    [Fact]
    public void LatencyBudgetOnADevice()
    {
        var result = CliRunner.Run("check", Fixtures.Model("resnet18"), "--device", "h100-sxm", "--max-latency-ms", "100");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("on h100-sxm under tensorrt (estimate)", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--max-params", "lots" }, "error: --max-params: 'lots' is not a positive number with an optional unit.")]
    [InlineData(new[] { "--max-memory", "12XB" }, "error: --max-memory: '12XB' is not a size such as 512MB, 1.5GiB or 800KB.")]
    [InlineData(new[] { "--max-latency-ms", "10" }, "error: --max-latency-ms and --min-fps need --device.")]
    [InlineData(new string[0], "error: No budget given: use --max-gflops, --max-params, --max-memory, --max-latency-ms or --min-fps.")]
    public void ImpossibleBudgetSyntaxIsExitTwo(string[] flags, string expected)
    {
        var result = CliRunner.Run(["check", Fixtures.Model("squeezenet1_1"), .. flags]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(expected, result.Stderr.Trim());
    }
}
