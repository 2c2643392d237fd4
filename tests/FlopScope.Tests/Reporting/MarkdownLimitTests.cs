using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Reporting;

/// <summary>Markdown for pull-request comments stays under GitHub's 65,536 characters for every fixture at every
/// verbosity, and a baseline shows deltas per op type and per module.</summary>
public sealed class MarkdownLimitTests
{
    public static TheoryData<string> Models => new(Fixtures.ModelNames);

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryFixtureAtEveryVerbosityFitsAComment(string name)
    {
        var model = ModelCache.Fixture(name);
        foreach (var depth in new[] { 1, 2, 3, 8 })
        {
            var report = model.Profile(new ProfileOptions { InputShapes = Fixtures.InputsOf(name), ModuleDepth = depth });
            var baseline = Baseline(report);
            foreach (int? top in new int?[] { null, 5, 15, 100_000 })
            {
                foreach (var view in new[] { new ReportView { Top = top }, new ReportView { Top = top, Baseline = baseline } })
                {
                    var text = Write(report, view);
                    Assert.True(text.Length < MarkdownReportWriter.MaxCharacters, $"{name} depth {depth} top {top?.ToString() ?? "all"}: {text.Length:N0} characters");
                    Assert.StartsWith($"## {name}", text);
                    Assert.Contains("### By op type", text);
                }
            }
        }
    }

    [Fact]
    public void EveryLayerAskedForGoesInACollapsedSectionWhileItFits()
    {
        // vit_b_16 has more layers than one comment can list: the heaviest are shown, the others fill the rest.
        var report = ModelCache.Fixture("vit_b_16").Profile();
        var text = Write(report, new ReportView());

        Assert.Contains("### Top 15 layers", text);
        Assert.Contains($"<details><summary>The other {report.Layers.Count - 15} layers, in graph order</summary>", text);
        Assert.Contains("</details>", text);
        Assert.Matches(@"\*\d+ more layers \(a GitHub comment holds 65,536 characters; --format csv lists every layer\) not shown\.\*", text);

        // squeezenet's every layer fits: nothing is left out.
        var small = Write(ModelCache.Fixture("squeezenet1_1").Profile(), new ReportView());
        Assert.DoesNotContain("not shown", small);
    }

    [Fact]
    public void BaselineDeltasPerOpTypeAndPerModule()
    {
        var model = ModelCache.Fixture("squeezenet1_1");
        var before = model.Profile(imgsz: 224);
        var after = model.Profile(imgsz: 256);
        var text = Write(after, new ReportView { Top = 5, Baseline = Baseline(before) });

        Assert.Contains("**Changes by op type**", text);
        Assert.Contains("**Changes by module (depth 1)**", text);
        var conv = (Before: before.ByOp.Single(o => o.Op == "Conv").TotalFlops, After: after.ByOp.Single(o => o.Op == "Conv").TotalFlops);
        var percent = BaselineComparison.SignedPercent(conv.Before, conv.After);
        Assert.Contains($"| Conv | 26 \u2192 26 | - | {Units.Si(conv.Before)} \u2192 {Units.Si(conv.After)} | {percent} |", text);
        Assert.StartsWith("+", percent);
        var module = GroupDelta.ByModule(after, Baseline(before))[0];
        Assert.Contains($"| {module.Name} | {module.Before!.Count} → {module.After!.Count} | - | {Units.Si(module.Before.TotalFlops)} → {Units.Si(module.After.TotalFlops)} | {module.Status} |", text);
    }

    private static ProfileBaseline Baseline(ProfileReport report)
    {
        using var text = new StringWriter();
        new JsonReportWriter().Write(report, new ReportView(), text);
        return ProfileBaseline.Parse(text.ToString());
    }

    private static string Write(ProfileReport report, ReportView view)
    {
        using var text = new StringWriter();
        new MarkdownReportWriter().Write(report, view, text);
        return text.ToString();
    }
}
