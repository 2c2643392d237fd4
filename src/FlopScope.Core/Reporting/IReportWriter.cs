using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>Formats a built <see cref="ProfileReport"/> as one document. Writers only format; they compute nothing.</summary>
public interface IReportWriter
{
    /// <summary>Format name used by <c>--format</c>.</summary>
    string Format { get; }

    /// <summary>Writes the document.</summary>
    void Write(ProfileReport report, ReportView view, TextWriter output);
}
