namespace FlopScope.Reporting;

/// <summary>
/// One column of a report table: a header (with its unit), a machine value for CSV and a human text for console and
/// Markdown. Tables are lists of columns, so every exporter shows the same columns in the same order.
/// </summary>
/// <typeparam name="TRow">Row type.</typeparam>
/// <param name="Header">Header, unit included: "MACs", "Params".</param>
/// <param name="Key">Machine name (CSV header): "macs".</param>
/// <param name="Raw">Machine value (exact integers).</param>
/// <param name="Text">Human text (SI prefixes, percentages).</param>
/// <param name="Numeric">True for right-aligned numeric columns.</param>
/// <param name="Wide">True for columns a narrow terminal drops first (as <see cref="Priority"/> 5; shown in files).</param>
/// <param name="Style">Console colour of a cell ("green", "red"), or null: colour only, never meaning.</param>
/// <param name="JsonOnly">True for columns only the JSON document carries (e.g. the source file of a row).</param>
/// <param name="Priority">0: always shown; higher: dropped earlier when a console table does not fit the terminal.</param>
/// <param name="Fit">How a cell may give way in a narrow terminal: never (numbers, ids), shortened in the middle
/// (names), or wrapped between words (free text).</param>
public sealed record Column<TRow>(string Header, string Key, Func<TRow, string> Raw, Func<TRow, string> Text, bool Numeric = true, bool Wide = false,
    Func<TRow, string?>? Style = null, bool JsonOnly = false, int Priority = 0, ColumnFit Fit = ColumnFit.Keep);

/// <summary>How a console cell gives way when the terminal is narrow. Numbers and ids never break.</summary>
public enum ColumnFit
{
    /// <summary>Never shortened or broken: numbers, ids, op types.</summary>
    Keep,

    /// <summary>Long names are shortened in the middle with an ellipsis ("model.2…cv2.conv").</summary>
    Shorten,

    /// <summary>Free text wraps between words (a word itself never breaks).</summary>
    Wrap,
}
