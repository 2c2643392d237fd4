using System.Globalization;
using FlopScope.Errors;

namespace FlopScope.Budgets;

/// <summary>Parses budget quantities: counts with K/M/G/B suffixes (<c>5M</c>) and sizes with units (<c>512MB</c>, <c>1.5GiB</c>).</summary>
public static class Quantity
{
    /// <summary>Parses a count such as <c>5M</c>, <c>2.5G</c>, <c>1200000</c>.</summary>
    public static long ParseCount(string text, string flag)
    {
        var (number, suffix) = Split(text, flag);
        var scale = suffix.ToUpperInvariant() switch
        {
            "" => 1d,
            "K" => 1e3,
            "M" => 1e6,
            "G" or "B" => 1e9,
            "T" => 1e12,
            _ => throw Bad(text, flag, "a count such as 5M, 2.5G or 1200000"),
        };
        return ToLong(number * scale, text, flag);
    }

    /// <summary>Parses a byte size such as <c>512MB</c>, <c>1.5GiB</c>, <c>800KB</c> (decimal MB/GB, binary MiB/GiB).</summary>
    public static long ParseBytes(string text, string flag)
    {
        var (number, suffix) = Split(text, flag);
        var scale = suffix.ToUpperInvariant() switch
        {
            "" or "B" => 1d,
            "KB" or "K" => 1e3,
            "MB" or "M" => 1e6,
            "GB" or "G" => 1e9,
            "TB" => 1e12,
            "KIB" => 1024d,
            "MIB" => 1024d * 1024,
            "GIB" => 1024d * 1024 * 1024,
            _ => throw Bad(text, flag, "a size such as 512MB, 1.5GiB or 800KB"),
        };
        return ToLong(number * scale, text, flag);
    }

    /// <summary>Parses a positive number.</summary>
    public static double ParsePositive(string text, string flag)
    {
        var (number, suffix) = Split(text, flag);
        return suffix.Length == 0 && double.IsFinite(number) ? number : throw Bad(text, flag, "a positive number");
    }

    // Budgets above 10^18 are not budgets (and would overflow 64-bit counts).
    private static long ToLong(double value, string text, string flag) =>
        value is >= 0.5 and <= 1e18 ? (long)Math.Round(value) : throw Bad(text, flag, "between 1 and 10^18");

    private static (double Number, string Suffix) Split(string text, string flag)
    {
        var t = text.Trim();
        var end = 0;
        while (end < t.Length && (char.IsDigit(t[end]) || t[end] is '.' or '_' or ','))
        {
            end++;
        }

        // A comma is a decimal separator in much of the world: '1,5M' must not silently read as 15 M.
        if (t[..end].Contains(','))
        {
            throw Bad(text, flag, "a number without commas (use '.' for decimals and '_' to group digits, e.g. 1.5M or 1_500_000)");
        }

        if (end == 0 || !double.TryParse(t[..end].Replace("_", string.Empty).Replace(",", string.Empty), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            throw Bad(text, flag, "a positive number with an optional unit");
        }

        return (number, t[end..].Trim());
    }

    private static FlopScopeException Bad(string text, string flag, string expected) =>
        new($"{flag}: '{text}' is not {expected}.");
}
