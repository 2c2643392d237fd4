using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>The one-line summary in the spirit of Ultralytics:
/// <c>resnet18 summary: 65 nodes, 11,680,872 parameters, 11,680,872 gradients, 3.6 GFLOPs at 1x3x224x224</c>.</summary>
public static class SummaryLine
{
    /// <summary>Formats the summary line of <paramref name="report"/>.</summary>
    public static string Format(ProfileReport report)
    {
        var s = report.Summary;
        var line = $"{s.Model} summary: {Units.Grouped(s.Nodes)} nodes, {Units.Grouped(s.Parameters.Total)} parameters{(s.Parameters.Tied.Count > 0 ? $" ({Units.Grouped(s.Parameters.Unique)} unique)" : string.Empty)}, "
            + $"{Units.Grouped(s.Parameters.Trainable)} gradients, {ConventionText.Headline(s)} at {report.InputShapeText}";
        var missing = s.Unsupported.Sum(u => u.Nodes) + s.Unresolved.Sum(u => u.Nodes);
        return missing > 0 ? line + $" (incomplete: {missing} node(s) not counted)" : line;
    }
}
