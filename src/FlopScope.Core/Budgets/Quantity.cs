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
        return checked((long)Math.Round(number * scale));
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
        return checked((long)Math.Round(number * scale));
    }

    /// <summary>Parses a positive number.</summary>
    public static double ParsePositive(string text, string flag)
    {
        var (number, suffix) = Split(text, flag);
        return suffix.Length == 0 ? number : throw Bad(text, flag, "a positive number");
    }

    private static (double Number, string Suffix) Split(string text, string flag)
    {
        var t = text.Trim();
        var end = 0;
        while (end < t.Length && (char.IsDigit(t[end]) || t[end] is '.' or '_' or ','))
        {
            end++;
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
