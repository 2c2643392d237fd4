using FlopScope.Reporting;
using Spectre.Console;

namespace FlopScope.Cli.Exporting;

/// <summary>
/// Turns a <see cref="ResultTable"/> into a Spectre table that fits the terminal without breaking a number or an id:
/// when the natural widths do not fit, names are shortened in the middle and free text wraps between words; when even
/// that does not fit, columns are dropped by their declared priority (highest first) and a caption names them.
/// </summary>
public static class ConsoleTables
{
    /// <summary>Shortest a name is shortened to (plus its header's longest word).</summary>
    private const int ShortestName = 20;

    /// <summary>Narrowest free text wraps to: narrower reads as a column of single words.</summary>
    private const int NarrowestText = 16;

    /// <summary>The console table of <paramref name="table"/> for a terminal <paramref name="width"/> columns wide.</summary>
    public static Table Build(ResultTable table, int width)
    {
        var columns = table.Columns;
        var shown = Enumerable.Range(0, columns.Count).Where(i => !columns[i].JsonOnly).ToList();
        var natural = new int[columns.Count];
        var least = new int[columns.Count];
        foreach (var i in shown)
        {
            var cells = table.Rows.Select(r => r[i].Text).ToList();
            var longest = cells.Count == 0 ? 0 : cells.Max(t => t.Length);
            var headerWord = LongestWord(columns[i].Header);
            natural[i] = Math.Max(columns[i].Header.Length, longest);
            least[i] = columns[i].Fit switch
            {
                ColumnFit.Shorten => Math.Min(natural[i], Math.Max(headerWord, ShortestName)),
                ColumnFit.Wrap => Math.Max(Math.Max(headerWord, cells.Count == 0 ? 0 : cells.Max(LongestWord)), Math.Min(natural[i], NarrowestText)),
                _ => Math.Max(headerWord, longest),
            };
        }

        var hidden = new List<int>();
        while (shown.Sum(i => least[i]) + Border(shown.Count) > width
            && shown.Where(i => columns[i].Priority > 0).OrderByDescending(i => columns[i].Priority).ThenByDescending(i => i).FirstOrDefault(-1) is var drop and >= 0)
        {
            shown.Remove(drop);
            hidden.Add(drop);
        }

        var widths = Widths(shown, natural, least, columns, width - Border(shown.Count));
        var result = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(table.Title));
        foreach (var i in shown)
        {
            var column = new TableColumn(Markup.Escape(columns[i].Header)) { Width = widths[i] };
            result.AddColumn(columns[i].Numeric ? column.RightAligned() : column);
        }

        foreach (var row in table.Rows)
        {
            result.AddRow(shown.Select(i => Cell(row[i], columns[i].Fit == ColumnFit.Shorten ? widths[i] : int.MaxValue)).ToArray());
        }

        if (hidden.Count > 0)
        {
            hidden.Sort();
            result.Caption(Markup.Escape($"{width} columns: {string.Join(", ", hidden.Select(i => columns[i].Header))} not shown (a wider terminal or a file format shows them)"));
        }

        return result;
    }

    /// <summary>Shortens <paramref name="text"/> to <paramref name="width"/> characters by replacing its middle with an
    /// ellipsis, so both the start and the distinguishing end of a name stay visible.</summary>
    public static string ShortenMiddle(string text, int width)
    {
        if (text.Length <= width || width < 3)
        {
            return text;
        }

        var head = width / 2;
        var tail = width - 1 - head;
        return text[..head] + "\u2026" + text[^tail..];
    }

    /// <summary>Natural widths when they fit; else the least widths, with the room left given to whole headers (while
    /// names keep some room), then to names, then to free text, one character at a time within each group.</summary>
    private static Dictionary<int, int> Widths(List<int> shown, int[] natural, int[] least, IReadOnlyList<ResultColumn> columns, int room)
    {
        if (shown.Sum(i => natural[i]) <= room)
        {
            return shown.ToDictionary(i => i, i => natural[i]);
        }

        var widths = shown.ToDictionary(i => i, i => least[i]);
        var spare = room - widths.Values.Sum();
        // A header is either on one line or not: widen whole headers, the cheapest first.
        foreach (var i in shown.Where(i => columns[i].Fit == ColumnFit.Keep && natural[i] > least[i]).OrderBy(i => natural[i] - least[i]).ToList())
        {
            if (natural[i] - least[i] <= spare - Needed(shown, natural, least, columns))
            {
                spare -= natural[i] - least[i];
                widths[i] = natural[i];
            }
        }

        foreach (var fit in new[] { ColumnFit.Shorten, ColumnFit.Wrap })
        {
            var growing = shown.Where(i => columns[i].Fit == fit && natural[i] > least[i]).ToList();
            while (spare > 0 && growing.Count > 0)
            {
                foreach (var i in growing.ToList())
                {
                    if (spare == 0)
                    {
                        break;
                    }

                    widths[i]++;
                    spare--;
                    if (widths[i] >= natural[i])
                    {
                        growing.Remove(i);
                    }
                }
            }
        }

        return widths;
    }

    /// <summary>Room names need to reach <see cref="ShortestName"/> plus eight more characters: kept for them before
    /// any header is widened.</summary>
    private static int Needed(List<int> shown, int[] natural, int[] least, IReadOnlyList<ResultColumn> columns) =>
        shown.Where(i => columns[i].Fit == ColumnFit.Shorten).Sum(i => Math.Max(0, Math.Min(natural[i], ShortestName + 8) - least[i]));

    /// <summary>Rounded border with one space of padding each side: three characters per column and one more.</summary>
    private static int Border(int columns) => (3 * columns) + 1;

    private static int LongestWord(string text) => text.Split(' ').Max(w => w.Length);

    private static string Cell(ResultCell cell, int width)
    {
        var text = Markup.Escape(ShortenMiddle(cell.Text, width));
        return cell.Style is { } style ? $"[{style}]{text}[/]" : text;
    }
}
