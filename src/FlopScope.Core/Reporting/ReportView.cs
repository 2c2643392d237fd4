namespace FlopScope.Reporting;

/// <summary>Which parts of a report a writer shows. Defaults: every layer, the op-type and module tables.</summary>
public sealed record ReportView
{
    /// <summary>Show only the N heaviest layers (by total FLOPs); null shows every layer.</summary>
    public int? Top { get; init; }

    /// <summary>Path of the model, recorded in machine formats.</summary>
    public string? ModelPath { get; init; }

    /// <summary>An earlier profile to compare the headline figures with (Markdown and console show the deltas).</summary>
    public ProfileBaseline? Baseline { get; init; }
}
