using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>How one op type or module moved against a baseline: nodes, parameters, FLOPs and total FLOPs before and
/// after (zero where the row is new or gone).</summary>
/// <param name="Name">Op type or module.</param>
/// <param name="Before">The baseline's row, or null when the row is new.</param>
/// <param name="After">This report's row, or null when the row is gone.</param>
public sealed record GroupDelta(string Name, BaselineGroup? Before, BaselineGroup? After)
{
    /// <summary>Change in total FLOPs.</summary>
    public long TotalFlopsChange => (After?.TotalFlops ?? 0) - (Before?.TotalFlops ?? 0);

    /// <summary>Change in parameters.</summary>
    public long ParametersChange => (After?.Parameters ?? 0) - (Before?.Parameters ?? 0);

    /// <summary>Change in nodes.</summary>
    public long NodesChange => (After?.Count ?? 0) - (Before?.Count ?? 0);

    /// <summary><c>new</c>, <c>gone</c> or the relative change of total FLOPs (<c>+12.4%</c>).</summary>
    public string Status => Before is null ? "new" : After is null ? "gone" : BaselineComparison.SignedPercent(Before.TotalFlops, After.TotalFlops);

    /// <summary>The rows of <paramref name="current"/> and <paramref name="baseline"/> that differ, the largest change in
    /// total FLOPs first (then parameters, then name).</summary>
    public static IReadOnlyList<GroupDelta> Compare(IEnumerable<BaselineGroup> current, IEnumerable<BaselineGroup> baseline)
    {
        var before = baseline.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = current.GroupBy(g => g.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return before.Keys.Union(after.Keys)
            .Select(name => new GroupDelta(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))
            .Where(d => d.Before != d.After)
            .OrderByDescending(d => Math.Abs(d.TotalFlopsChange)).ThenByDescending(d => Math.Abs(d.ParametersChange)).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Per-op-type changes of <paramref name="report"/> against <paramref name="baseline"/>.</summary>
    public static IReadOnlyList<GroupDelta> ByOp(ProfileReport report, ProfileBaseline baseline) =>
        Compare(report.ByOp.Select(o => new BaselineGroup(o.Op, o.Count, o.Parameters, o.Flops, o.TotalFlops)), baseline.ByOp);

    /// <summary>Per-module changes; empty when the baseline's modules are at another depth (rows would not match).</summary>
    public static IReadOnlyList<GroupDelta> ByModule(ProfileReport report, ProfileBaseline baseline) =>
        baseline.ModuleDepth != report.ModuleDepth
            ? []
            : Compare(report.ByModule.Select(m => new BaselineGroup(m.Module, m.Nodes, m.Parameters, m.Flops, m.TotalFlops)), baseline.ByModule);
}
