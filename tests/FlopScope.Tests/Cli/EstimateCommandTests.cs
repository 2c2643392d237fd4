using System.Text.Json;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class EstimateCommandTests
{
    [Fact]
    public void OneRowPerDeviceAndTheTargetVerdict()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "rpi5,t4", "--target-fps", "30");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rpi5", result.Stdout);
        Assert.Contains("t4", result.Stdout);
        Assert.Contains("meets", result.Stdout);
        Assert.Contains("misses: needs", result.Stdout);
    }

    [Fact]
    public void JsonCarriesLatencyAndLayerTimes()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("squeezenet1_1"), "--device", "t4", "--precision", "fp16", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var device = json.RootElement.GetProperty("devices")[0];
        Assert.Equal("fp16", json.RootElement.GetProperty("precision").GetString());
        var layerSum = device.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("time_us").GetDouble());
        Assert.Equal(device.GetProperty("latency_ms").GetDouble(), layerSum / 1000, 3);
    }

    [Theory]
    [InlineData("--device", "nosuch", "error: Unknown device 'nosuch'.")]
    [InlineData("--device", "", "error: Name at least one device with --device")]
    [InlineData("--precision", "fp64", "error: Unknown precision 'fp64'")]
    public void BadInputIsOneLineAndExitTwo(string flag, string value, string expected)
    {
        var args = flag == "--precision"
            ? new[] { "estimate", Fixtures.Model("squeezenet1_1"), "--device", "t4", flag, value }
            : new[] { "estimate", Fixtures.Model("squeezenet1_1"), flag, value };

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr.Trim());
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void MalformedDeviceFileIsExitTwo()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "[1, 2");
        try
        {
            var result = CliRunner.Run("estimate", Fixtures.Model("squeezenet1_1"), "--device", "t4", "--devices", path);

            Assert.Equal(2, result.ExitCode);
            Assert.StartsWith("error: Malformed device file", result.Stderr.Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TrainingReportsOptimizerStateAndGradients()
    {
        var result = CliRunner.Run("estimate", Fixtures.Model("resnet18"), "--device", "a100-80gb", "--training", "--optimizer", "adam", "--format", "json");

        using var json = JsonDocument.Parse(result.Stdout);
        var training = json.RootElement.GetProperty("training");
        // 11,680,872 fp32 trainable parameters: gradients 4 B each, Adam 8 B each.
        Assert.Equal(11_680_872L * 4, training.GetProperty("gradient_bytes").GetInt64());
        Assert.Equal(11_680_872L * 8, training.GetProperty("optimizer_state_bytes").GetInt64());
    }
}
