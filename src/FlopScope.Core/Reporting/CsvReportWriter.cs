using FlopScope.Profiling;

namespace FlopScope.Reporting;

/// <summary>The per-layer table as CSV (RFC 4180 quoting), exact integers, one header row of machine column names.</summary>
public sealed class CsvReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string Format => "csv";

    /// <inheritdoc />
    public void Write(ProfileReport report, ReportView view, TextWriter output)
    {
        var columns = ReportTables.Layers(report);
        output.Write(string.Join(",", columns.Select(c => c.Key)));
        output.Write('\n');
        foreach (var layer in view.Top is { } top ? report.Top(top) : report.Layers)
        {
            output.Write(string.Join(",", columns.Select(c => Quote(c.Raw(layer)))));
            output.Write('\n');
        }
    }

    /// <summary>Quotes a field when it holds a comma, quote or line break, after removing control characters and
    /// defusing a leading = + - @ that a spreadsheet would run as a formula (a crafted node name is CSV injection).</summary>
    public static string Quote(string field)
    {
        field = Safety.SafeText.CsvCell(field);
        return field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
