using System.Text;

namespace FlopScope.Safety;

/// <summary>
/// Model-supplied strings (node names, op types, doc strings, metadata) made safe to print: control characters (escape
/// sequences that could retitle or clear a terminal, NUL, newlines that would break a table row) become visible
/// <c>\uXXXX</c> escapes. Format-specific escaping (Markdown, HTML, CSV) comes on top of this.
/// </summary>
public static class SafeText
{
    /// <summary><paramref name="text"/> with every control and bidi-override character replaced by a visible escape.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var clean = true;
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>True for C0/C1 controls, DEL and the bidirectional overrides that can disguise text (Trojan Source).</summary>
    public static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';

    /// <summary><paramref name="text"/> cleaned and made literal in Markdown: HTML-significant characters become entities
    /// and Markdown punctuation is backslash-escaped, so a name cannot inject markup into a PR comment.</summary>
    public static string Markdown(string? text)
    {
        var clean = Clean(text);
        var builder = new StringBuilder(clean.Length + 8);
        foreach (var c in clean)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '~': builder.Append('\\').Append(c); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> cleaned and safe as a CSV cell: cells a spreadsheet would run as a formula
    /// (leading = + - @) get a leading apostrophe (OWASP CSV injection).</summary>
    public static string CsvCell(string? text)
    {
        var clean = Clean(text);
        return clean.Length > 0 && clean[0] is '=' or '+' or '-' or '@' && !double.TryParse(clean, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? "'" + clean
            : clean;
    }
}
