using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Reporting;

/// <summary>
/// The Markdown and CSV documents of squeezenet1_1 against plain expected files in Reporting/Expected (compared
/// exactly, line endings normalised). After an intended change, regenerate them with UPDATE_SNAPSHOTS=1 dotnet test
/// --filter SnapshotTests and review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private const string Model = "squeezenet1_1";

    private static ProfileReport Report() => ModelCache.Fixture(Model).Profile();

    private static string Write(IReportWriter writer, ReportView view)
    {
        using var text = new StringWriter();
        writer.Write(Report(), view, text);
        return text.ToString();
    }

    private static void Verify(string actual, string file)
    {
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder(), file), actual);
        }

        var expectedPath = Path.Combine(AppContext.BaseDirectory, "Reporting", "Expected", file);
        Assert.True(File.Exists(expectedPath), $"missing expected file {file}; create it with UPDATE_SNAPSHOTS=1");
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }

    /// <summary>tests/FlopScope.Tests/Reporting/Expected in the source tree.</summary>
    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "FlopScope.Tests", "Reporting", "Expected");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/FlopScope.Tests/Reporting/Expected not found above the test assembly");
    }

    [Fact]
    public void Markdown() => Verify(Write(new MarkdownReportWriter(), new ReportView()), Model + ".md");

    [Fact]
    public void Csv() => Verify(Write(new CsvReportWriter(), new ReportView()), Model + ".csv");

    [Fact]
    public void MarkdownAgainstABaseline()
    {
        var baseline = ProfileBaseline.Load(Path.Combine(AppContext.BaseDirectory, "Reporting", "Expected", Model + ".baseline.json"));

        Verify(Write(new MarkdownReportWriter(), new ReportView { Top = 5, Baseline = baseline }), Model + ".vs-baseline.md");
    }
}
