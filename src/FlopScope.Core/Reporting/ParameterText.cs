using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>How every output words stored versus unique parameters, so console, Markdown and HTML say the same.</summary>
public static class ParameterText
{
    /// <summary><c>124,439,808 unique (wte = lm_head tied, 38,597,376 stored twice)</c>, or null when nothing is tied.</summary>
    public static string? Unique(ParameterSummary parameters)
    {
        if (parameters.Tied.Count == 0)
        {
            return null;
        }

        var ties = string.Join("; ", parameters.Tied.Take(3).Select(t => $"{t} tied, {Units.Grouped(t.Elements)} each"));
        var more = parameters.Tied.Count > 3 ? $"; {parameters.Tied.Count - 3} more tied group(s)" : string.Empty;
        return $"{Units.Grouped(parameters.Unique)} unique ({ties}{more})";
    }
}
