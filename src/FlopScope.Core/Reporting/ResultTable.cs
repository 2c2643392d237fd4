namespace FlopScope.Reporting;

/// <summary>
/// A table whose cells are already formatted (machine value and human text), so that any exporter can write it
/// without knowing the row type: console, Markdown, CSV and JSON all show the same columns in the same order.
/// </summary>
/// <param name="Title">Title above the table (console) or heading (Markdown, when a document has several tables).</param>
/// <param name="Key">Machine name: the JSON array the rows go into.</param>
/// <param name="Columns">Column headers and kinds.</param>
/// <param name="Rows">Cells, one list per row, in column order.</param>
public sealed record ResultTable(string Title, string Key, IReadOnlyList<ResultColumn> Columns, IReadOnlyList<IReadOnlyList<ResultCell>> Rows)
{
    /// <summary>Formats <paramref name="rows"/> with <paramref name="columns"/>.</summary>
    public static ResultTable Of<T>(string title, string key, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows) => new(
        title,
        key,
        columns.Select(c => new ResultColumn(c.Header, c.Key, c.Numeric, c.Wide ? Math.Max(c.Priority, 5) : c.Priority, c.Fit, c.JsonOnly)).ToList(),
        rows.Select(r => (IReadOnlyList<ResultCell>)columns.Select(c => new ResultCell(c.Raw(r), c.Text(r), c.Style?.Invoke(r))).ToList()).ToList());
}

/// <summary>A column of a <see cref="ResultTable"/>.</summary>
/// <param name="Header">Header, unit included.</param>
/// <param name="Key">Machine name.</param>
/// <param name="Numeric">Right-aligned number.</param>
/// <param name="Priority">0: always shown in the console; higher: dropped earlier when the terminal is narrow.</param>
/// <param name="Fit">How its cells give way in a narrow terminal.</param>
/// <param name="JsonOnly">Only in the JSON document.</param>
public sealed record ResultColumn(string Header, string Key, bool Numeric, int Priority, ColumnFit Fit, bool JsonOnly);

/// <summary>A formatted cell.</summary>
/// <param name="Raw">Machine value (CSV, JSON); empty when not available.</param>
/// <param name="Text">Human text (console, Markdown).</param>
/// <param name="Style">Console colour, or null.</param>
public sealed record ResultCell(string Raw, string Text, string? Style = null);
