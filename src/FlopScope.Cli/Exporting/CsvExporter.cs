using FlopScope.Reporting;

namespace FlopScope.Cli.Exporting;

/// <summary>CSV (RFC 4180) for spreadsheets: the per-layer table of a profile, else the first table of the result;
/// exact machine values, one header row of column keys.</summary>
public sealed class CsvExporter : IExporter
{
    /// <inheritdoc />
    public string Format => "csv";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions => [".csv"];

    /// <inheritdoc />
    public bool Supports(ResultKind kind) => kind is ResultKind.Profile or ResultKind.Tables or ResultKind.Estimate or ResultKind.Devices or ResultKind.Llm;

    /// <inheritdoc />
    public void Export(ResultContext context, ExportTarget target) => target.Text(output =>
    {
        if (context.Kind == ResultKind.Profile)
        {
            new CsvReportWriter().Write(context.Report!, context.ToReportView(), output);
            return;
        }

        if (context.Tables.Count == 0)
        {
            return;
        }

        var table = context.Tables[0];
        var shown = Enumerable.Range(0, table.Columns.Count).Where(i => !table.Columns[i].JsonOnly).ToList();
        output.Write(string.Join(",", shown.Select(i => table.Columns[i].Key)) + "\n");
        foreach (var row in table.Rows)
        {
            output.Write(string.Join(",", shown.Select(i => CsvReportWriter.Quote(row[i].Raw))) + "\n");
        }
    });
}
