using System.Globalization;
using System.Text.Json;
using FlopScope.Cli.Exporting;
using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Cli;

/// <summary>The one way out: formats come from one registry, every document command writes every text format its
/// result allows, and -o writes the same document to a file.</summary>
public sealed class ExporterTests
{
    [Fact]
    public void FormatsAndExtensionsAreRegisteredOnce()
    {
        Assert.Equal(["console", "json", "csv", "markdown", "html", "svg", "png"], Exporters.All.Select(e => e.Format));
        var extensions = Exporters.All.SelectMany(e => e.Extensions).ToList();
        Assert.Equal(extensions.Count, extensions.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData(null, "out.md", ResultKind.Tables, "markdown")]
    [InlineData("md", null, ResultKind.Tables, "markdown")]
    [InlineData(null, "OUT.JSON", ResultKind.Estimate, "json")]
    [InlineData(null, null, ResultKind.Bench, "console")]
    [InlineData("htm", null, ResultKind.Profile, "html")]
    [InlineData(null, "chart.png", ResultKind.Profile, "png")]
    public void FormatFromTheFlagOrTheOutputExtension(string? format, string? output, ResultKind kind, string expected) =>
        Assert.Equal(expected, Exporters.Resolve(format, output, kind, "test").Format);

    [Fact]
    public void AFormatThatCannotWriteTheResultSaysWhichCan()
    {
        var e = Assert.Throws<FlopScopeException>(() => Exporters.Resolve("html", null, ResultKind.Tables, "compare"));
        Assert.Equal("compare does not write html; use console, json, csv or markdown.", e.Message);
        e = Assert.Throws<FlopScopeException>(() => Exporters.Resolve(null, "report.txt", ResultKind.Bench, "bench"));
        Assert.Equal("Cannot tell the format of 'report.txt' from its extension; add --format json.", e.Message);
    }

    [Theory]
    [InlineData("compare", "--format", "markdown")]
    [InlineData("estimate", "--device", "t4", "--format", "csv")]
    [InlineData("devices", "--format", "json")]
    [InlineData("profile", "--format", "markdown")]
    public void OutputWritesTheSameDocumentToAFile(string command, params string[] options)
    {
        using var folder = new TempFolder();
        var file = folder.File("doc.out");
        string[] model = command == "devices" ? [] : [Fixtures.Model("squeezenet1_1")];

        var stdout = CliRunner.Run([command, .. model, .. options]);
        var written = CliRunner.Run([command, .. model, .. options, "-o", file]);

        Assert.Equal(0, stdout.ExitCode);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(string.Empty, written.Stdout);
        Assert.Contains("wrote " + file, written.Stderr);
        Assert.Equal(stdout.Stdout.ReplaceLineEndings("\n"), File.ReadAllText(file).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void EstimateInMarkdownAndCsvShowsTheFiguresOfItsJson()
    {
        var model = Fixtures.Model("squeezenet1_1");
        using var json = JsonDocument.Parse(CliRunner.Run("estimate", model, "--device", "t4,rpi5", "--format", "json").Stdout);
        var t4 = json.RootElement.GetProperty("devices").EnumerateArray().First(d => d.GetProperty("id").GetString() == "t4");
        var latency = t4.GetProperty("latency_ms").GetDouble();

        var markdown = CliRunner.Run("estimate", model, "--device", "t4,rpi5", "--format", "markdown").Stdout.Split('\n');
        var csv = CliRunner.Run("estimate", model, "--device", "t4,rpi5", "--format", "csv").Stdout.Split('\n');

        Assert.StartsWith("squeezenet1_1 at 1x3x224x224: 1,233,288 parameters", markdown[0]);
        Assert.Contains("### Estimated inference (roofline + per-kernel overhead; estimates, not measurements)", markdown);
        Assert.Contains(markdown, l => l.StartsWith($"| t4 | {latency.ToString("0.###", CultureInfo.InvariantCulture)} |", StringComparison.Ordinal));
        Assert.Equal("id,latency_ms,items_per_second,energy_mj,required_bytes,fits_in_memory,bound", csv[0]);
        var row = csv.First(l => l.StartsWith("t4,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(latency, double.Parse(row[1], CultureInfo.InvariantCulture), 6);
        Assert.Equal(t4.GetProperty("required_bytes").GetInt64(), long.Parse(row[4], CultureInfo.InvariantCulture));
    }
}
