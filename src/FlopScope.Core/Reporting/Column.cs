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
/// <param name="Wide">True for columns a narrow terminal table leaves out (shown in files).</param>
/// <param name="Style">Console colour of a cell ("green", "red"), or null: colour only, never meaning.</param>
/// <param name="JsonOnly">True for columns only the JSON document carries (e.g. the source file of a row).</param>
public sealed record Column<TRow>(string Header, string Key, Func<TRow, string> Raw, Func<TRow, string> Text, bool Numeric = true, bool Wide = false,
    Func<TRow, string?>? Style = null, bool JsonOnly = false);
