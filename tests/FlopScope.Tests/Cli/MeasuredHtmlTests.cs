using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

public sealed class MeasuredHtmlTests
{
    [Fact]
    public void BenchResultAddsMeasuredTimesAndTheMeasuredVersusEstimatedChart()
    {
        using var folder = new TempFolder();
        var bench = Path.Combine(folder.Path, "bench.json");
        var html = Path.Combine(folder.Path, "report.html");
        Assert.Equal(0, CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--runs", "1", "--warmup", "0", "--layer-runs", "1",
            "--threads", "1", "--graph-optimization", "none", "-o", bench).ExitCode);

        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--device", "rpi5", "--measured", bench, "-o", html);

        Assert.Equal(0, result.ExitCode);
        var page = File.ReadAllText(html);
        Assert.Contains("data-chart=\"measured\"", page);
        Assert.Contains("data-key=\"measured_us\"", page);
    }

    [Fact]
    public void MeasuredOnlyAppliesToHtml()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--measured", "x.json", "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --measured applies to --format html, svg and png.", result.Stderr.Trim());
    }
}
