using FlopScope.Reporting;
using Spectre.Console;

namespace FlopScope.Cli.Exporting;

/// <summary>Turns a <see cref="ResultTable"/> into a Spectre table: rounded border, title, numbers right-aligned.</summary>
public static class ConsoleTables
{
    /// <summary>The console table of <paramref name="table"/>.</summary>
    public static Table Build(ResultTable table)
    {
        var shown = Enumerable.Range(0, table.Columns.Count).Where(i => !table.Columns[i].JsonOnly).ToList();
        var result = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(table.Title));
        foreach (var i in shown)
        {
            var column = new TableColumn(Markup.Escape(table.Columns[i].Header));
            result.AddColumn(table.Columns[i].Numeric ? column.RightAligned() : column);
        }

        foreach (var row in table.Rows)
        {
            result.AddRow(shown.Select(i => Cell(row[i])).ToArray());
        }

        return result;
    }

    private static string Cell(ResultCell cell) =>
        cell.Style is { } style ? $"[{style}]{Markup.Escape(cell.Text)}[/]" : Markup.Escape(cell.Text);
}
