using FlopScope.Errors;
using FlopScope.Reporting;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Reporting;

public sealed class BaselineComparisonTests
{
    [Theory]
    [InlineData(1000, 1124, "+12.4%")]
    [InlineData(1000, 970, "-3.0%")]
    [InlineData(1000, 1000, "+0.0%")]
    [InlineData(0, 5, "new")]
    public void PercentChangesAreSigned(long baseline, long current, string expected) =>
        Assert.Equal(expected, BaselineComparison.SignedPercent(baseline, current));

    [Theory]
    [InlineData(800_000, 11_680_872, "+0.8 M")]
    [InlineData(-1_234_567, 11_680_872, "-1.235 M")]
    [InlineData(12_000_000, 25_000_000, "+12 M")]
    [InlineData(0, 11_680_872, "+0 M")]
    [InlineData(-40, 500, "-40")]
    public void ParameterChangesUseTheModelsScale(long delta, long scale, string expected) =>
        Assert.Equal(expected, BaselineComparison.SignedSi(delta, scale));

    [Fact]
    public void ComparesHeadlineFiguresOfTheSameModel()
    {
        var report = ModelCache.Fixture("resnet18").Profile();
        var s = report.Summary;
        var baseline = new ProfileBaseline("resnet18", "1x3x224x224", s.Flops * 1000 / 1124, s.Parameters.Total - 800_000, s.TotalFlops, report.Memory.TotalBytes, "default");

        var line = BaselineComparison.Line(report, baseline);

        Assert.StartsWith("vs baseline: +12.4% GFLOPs, +0.8 M params (+7.4%), +0.0% total FLOPs, +0 B peak memory (+0.0%)", line);
        Assert.Empty(BaselineComparison.Caveats(report, baseline));
    }

    [Fact]
    public void ReadsTheJsonWritersDocumentAndNamesMismatches()
    {
        var report = ModelCache.Fixture("resnet18").Profile();
        using var text = new StringWriter();
        new JsonReportWriter().Write(report, new ReportView(), text);

        var baseline = ProfileBaseline.Parse(text.ToString());

        Assert.Equal(("resnet18", "1x3x224x224", report.Summary.Flops, report.Summary.Parameters.Total), (baseline.Model, baseline.Input, baseline.Flops, baseline.Parameters));
        Assert.Equal(report.Memory.TotalBytes, baseline.PeakMemoryBytes);
        var other = ModelCache.Fixture("squeezenet1_1").Profile();
        Assert.Contains(BaselineComparison.Caveats(other, baseline), c => c.Contains("model 'resnet18'"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    [InlineData("{\"schema\":\"flopscope.profile/1\"}")]
    public void RejectsWhatIsNotAProfile(string json) =>
        Assert.Throws<FlopScopeException>(() => ProfileBaseline.Parse(json));
}
