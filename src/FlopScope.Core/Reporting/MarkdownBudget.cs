using System.Text;

namespace FlopScope.Reporting;

/// <summary>
/// A Markdown document that cannot outgrow a character limit (GitHub's 65,536 per comment): every append is checked
/// against what is left, tables stop at the row that would not fit and say how many rows they left out, and cells are
/// shortened in the middle so that no single row can take the budget.
/// </summary>
internal sealed class MarkdownBudget(int limit)
{
    /// <summary>Longest cell text; longer names keep their start and end around an ellipsis.</summary>
    public const int MaxCell = 100;

    private readonly StringBuilder _text = new();

    /// <summary>Characters still free.</summary>
    public int Remaining => limit - _text.Length;

    /// <summary>Appends <paramref name="text"/> when it fits; returns false (appending nothing) when it does not.</summary>
    public bool TryAppend(string text)
    {
        if (text.Length > Remaining)
        {
            return false;
        }

        _text.Append(text);
        return true;
    }

    /// <summary>Writes a table of at most <paramref name="maxRows"/> rows, keeping <paramref name="reserve"/> characters
    /// free for what follows; returns the rows left out (0 when all fit).</summary>
    public int Table<T>(IReadOnlyList<Column<T>> columns, IReadOnlyList<T> rows, int maxRows, int reserve)
    {
        var header = "| " + string.Join(" | ", columns.Select(c => c.Header)) + " |\n"
            + "|" + string.Join("|", columns.Select(c => c.Numeric ? "---:" : "---")) + "|\n";
        if (rows.Count == 0 || header.Length > Remaining - reserve)
        {
            return rows.Count;
        }

        _text.Append(header);
        var written = 0;
        foreach (var row in rows.Take(maxRows))
        {
            var line = "| " + string.Join(" | ", columns.Select(c => Cell(c.Text(row)))) + " |\n";
            if (line.Length > Remaining - reserve)
            {
                break;
            }

            _text.Append(line);
            written++;
        }

        return rows.Count - written;
    }

    /// <summary>Escapes pipes and line breaks and shortens long text in the middle.</summary>
    public static string Cell(string text)
    {
        text = text.Replace("|", "\\|").Replace('\n', ' ').Replace('\r', ' ');
        return text.Length <= MaxCell ? text : string.Concat(text.AsSpan(0, (MaxCell / 2) - 1), "\u2026", text.AsSpan(text.Length - (MaxCell / 2)));
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
