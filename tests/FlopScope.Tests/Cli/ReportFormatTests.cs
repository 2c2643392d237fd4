using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary><c>profile --format html|svg|png</c>, <c>--chart</c>, <c>--device</c> and <c>--baseline</c> on the command line.</summary>
public sealed class ReportFormatTests
{
    [Fact]
    public void HtmlWithDeviceWritesOneSelfContainedFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("r.html");

        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--device", "rpi5", "-o", path);

        Assert.Equal(0, result.ExitCode);
        var html = File.ReadAllText(path);
        Assert.Contains("id=\"chart-roofline\"", html);
        Assert.Contains("roofline estimate, not a measurement", html);
        Assert.Contains("data-key=\"est_us\"", html);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void SvgChartGoesToStdout()
    {
        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--format", "svg", "--chart", "roofline", "--device", "t4");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<svg", result.Stdout);
        Assert.Contains("</svg>", result.Stdout);
    }

    [Fact]
    public void PngChartIsAFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("by-op.png");

        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--chart", "by-op", "-o", path);

        Assert.Equal(0, result.ExitCode);
        using var bitmap = SkiaSharp.SKBitmap.Decode(path);
        Assert.True(bitmap.Width > 100 && bitmap.Height > 100);
    }

    [Theory]
    [InlineData("--format", "png", "--chart", "by-op")]
    [InlineData("--format", "svg")]
    [InlineData("--format", "svg", "--chart", "pie")]
    [InlineData("--format", "json", "--chart", "by-op")]
    [InlineData("--format", "json", "--device", "rpi5")]
    [InlineData("--format", "csv", "--baseline", "old.json")]
    [InlineData("--device", "no-such-device")]
    [InlineData("--baseline", "missing.json")]
    public void MisusedOptionsAreOneLineErrors(params string[] options)
    {
        var result = CliRunner.Run(["profile", Fixtures.Model("squeezenet1_1"), .. options]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr.Trim());
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void BaselineDeltasInTheConsoleAndMarkdown()
    {
        using var folder = new TempFolder();
        var baseline = folder.File("old.json");
        var json = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--format", "json");
        File.WriteAllText(baseline, json.Stdout);

        var console = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--baseline", baseline);
        var markdown = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--baseline", baseline, "--format", "markdown");

        Assert.Equal(0, console.ExitCode);
        Assert.Contains("vs baseline: +0.0% GFLOPs, +0 M params (+0.0%), +0.0% total FLOPs, +0 B peak memory (+0.0%)", console.Stdout);
        Assert.Contains("**vs baseline: +0.0% GFLOPs", markdown.Stdout);
        Assert.Contains("| GFLOPs | 0.698 | 0.698 | +0.0% |", markdown.Stdout);
    }
}
