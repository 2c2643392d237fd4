using System.Globalization;

namespace FlopScope.Reporting;

/// <summary>Human formatting of counts with SI prefixes (1.81 G) and thousands separators.</summary>
public static class Units
{
    /// <summary>Formats with an SI prefix and about four significant digits: <c>1.814 G</c>, <c>602.1 K</c>, <c>12</c>.</summary>
    public static string Si(double value)
    {
        var abs = Math.Abs(value);
        var (scaled, prefix) = abs switch
        {
            >= 1e12 => (value / 1e12, " T"),
            >= 1e9 => (value / 1e9, " G"),
            >= 1e6 => (value / 1e6, " M"),
            >= 1e3 => (value / 1e3, " K"),
            _ => (value, string.Empty),
        };
        var format = Math.Abs(scaled) >= 100 ? "0.#" : Math.Abs(scaled) >= 10 ? "0.##" : "0.###";
        return scaled.ToString(format, CultureInfo.InvariantCulture) + prefix;
    }

    /// <summary>Formats bytes in binary units: <c>44.6 MiB</c>.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var i = 0;
        while (Math.Abs(bytes) >= 1024 && i < units.Length - 1)
        {
            bytes /= 1024;
            i++;
        }

        return bytes.ToString(i == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " " + units[i];
    }

    /// <summary>Thousands separators: <c>11,680,872</c>.</summary>
    public static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal: <c>12.3%</c>.</summary>
    public static string Percent(double part, double whole) =>
        whole == 0 ? "0.0%" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Billions with one decimal (Ultralytics' GFLOPs style): <c>3.6</c>.</summary>
    public static string Giga(long value, string format = "0.0") => (value / 1e9).ToString(format, CultureInfo.InvariantCulture);
}
