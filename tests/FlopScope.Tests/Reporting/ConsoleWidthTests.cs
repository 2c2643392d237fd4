using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Hardware;
using FlopScope.Reporting;
using FlopScope.Runtime;
using FlopScope.Tests.Support;
using Spectre.Console.Testing;

namespace FlopScope.Tests.Reporting;

/// <summary>
/// Every console table at 80, 120 and 200 columns against expected files in Reporting/Expected/console (regenerate
/// with UPDATE_SNAPSHOTS=1 and review the diff), plus what must hold at any width: no line wider than the terminal,
/// and numbers and ids whole. Devices come from a pinned file so catalogue updates do not move these snapshots.
/// </summary>
public sealed class ConsoleWidthTests
{
    private static string Expected => Path.Combine(AppContext.BaseDirectory, "Reporting", "Expected", "console");

    private static string Pinned => Path.Combine(Expected, "pinned-devices.json");

    public static TheoryData<int> Widths => [80, 120, 200];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Profile(int width)
    {
        var output = Cli(width, "profile", Fixtures.Model("googlenet"), "--top", "8");

        Verify(output, width, $"profile-googlenet.{width}.txt");
        Assert.Contains("/conv3/conv/Conv", output);
        Assert.Contains("694.2 M", output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ProfileWithAnEstimate(int width)
    {
        var output = Cli(width, "profile", Fixtures.Model("bert_base"), "--top", "6", "--device", "pinned-t4", "--devices", Pinned, "--dim", "sequence=128");

        Verify(output, width, $"profile-bert-estimate.{width}.txt");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Compare(int width)
    {
        var output = Cli(width, "compare", Fixtures.Model("squeezenet1_1"), Fixtures.Model("resnet18"), Fixtures.Model("mobilenet_v3_large"),
            "--device", "pinned-t4,pinned-rpi5", "--devices", Pinned);

        Verify(output, width, $"compare.{width}.txt");
        Assert.Contains("mobilenet_v3_large", output);
        Assert.Contains("3.628", output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Estimate(int width)
    {
        var output = Cli(width, "estimate", Fixtures.Model("googlenet"), "--device", "pinned-t4", "--devices", Pinned, "--target-fps", "1000", "--top", "8");

        Verify(output, width, $"estimate-googlenet.{width}.txt");
        Assert.Contains("pinned-t4", output);
        var json = Cli(width, "estimate", Fixtures.Model("googlenet"), "--device", "pinned-t4", "--devices", Pinned, "--format", "json");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var latency = document.RootElement.GetProperty("devices")[0].GetProperty("latency_ms").GetDouble();
        Assert.Contains($" {latency.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} ", output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void EstimateOnSeveralDevices(int width)
    {
        var output = Cli(width, "estimate", Fixtures.Model("resnet18"), "--device", "pinned-t4,pinned-rpi5", "--devices", Pinned, "--max-latency-ms", "5", "--training");

        Verify(output, width, $"estimate-resnet18-devices.{width}.txt");
        Assert.Contains("pinned-rpi5", output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Devices(int width)
    {
        var devices = DeviceCatalog.BuiltIn().With(Pinned).Devices.Where(d => d.Id.StartsWith("pinned-", StringComparison.Ordinal)).ToList();
        var output = Export(width, new ResultContext
        {
            Kind = ResultKind.Devices,
            Devices = devices,
            Tables = [ResultTable.Of("Devices (dense peaks; estimates use them with efficiency factors)", "devices", DeviceTables.Devices(), devices)],
        });

        Verify(output, width, $"devices.{width}.txt");
        Assert.Contains("pinned-rpi5", output);
        Assert.Contains("0.154", output);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Bench(int width)
    {
        var report = BenchReport.Deserialize(File.ReadAllText(Path.Combine(Expected, "googlenet.bench.json")));
        var output = Export(width, new ResultContext { Kind = ResultKind.Bench, Measurements = report, View = new ViewOptions { Top = 6 } });

        Verify(output, width, $"bench-googlenet.{width}.txt");
        Assert.Contains("120.24", output);
    }

    [Theory]
    [InlineData("model.22/cv3.2/cv3.2.0/conv/Conv", 20, "model.22/c\u2026conv/Conv")]
    [InlineData("short", 20, "short")]
    [InlineData("abcdefghij", 9, "abcd\u2026ghij")]
    public void LongNamesAreShortenedInTheMiddle(string name, int width, string expected)
    {
        var shortened = ConsoleTables.ShortenMiddle(name, width);

        Assert.Equal(expected, shortened);
        Assert.True(shortened.Length <= width);
    }

    private static string Cli(int width, params string[] args)
    {
        var output = new TestConsole().Width(width);
        var error = new TestConsole().Width(400);
        Assert.Equal(0, CliApp.Run(args, new Consoles(output, error)));
        return output.Output;
    }

    private static string Export(int width, ResultContext context)
    {
        var output = new TestConsole().Width(width);
        new ConsoleExporter().Export(context, new ExportTarget(new Consoles(output, new TestConsole()), null));
        return output.Output;
    }

    /// <summary>Compares with the expected file after checking that no line is wider than the terminal.</summary>
    private static void Verify(string actual, int width, string file)
    {
        actual = actual.ReplaceLineEndings("\n");
        var wide = actual.Split('\n').Where(l => l.TrimEnd().Length > width).ToList();
        Assert.True(wide.Count == 0, $"lines wider than {width} columns:\n{string.Join("\n", wide)}");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder(), file), actual);
        }

        var expectedPath = Path.Combine(Expected, file);
        Assert.True(File.Exists(expectedPath), $"missing expected file {file}; create it with UPDATE_SNAPSHOTS=1");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "FlopScope.Tests", "Reporting", "Expected", "console");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/FlopScope.Tests/Reporting/Expected/console not found above the test assembly");
    }
}
