using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace FlopScope.Reports.Charts;

/// <summary>Shared look of every chart: font, colours, horizontal category bars and log-scale axes.</summary>
internal static class ChartStyle
{
    /// <summary>Blue: FLOPs.</summary>
    public static readonly Color Flops = Color.FromHex("#2b6cb0");

    /// <summary>Orange: parameters.</summary>
    public static readonly Color Parameters = Color.FromHex("#dd6b20");

    /// <summary>Teal: estimated time.</summary>
    public static readonly Color Estimated = Color.FromHex("#319795");

    /// <summary>Purple: measured time.</summary>
    public static readonly Color Measured = Color.FromHex("#805ad5");

    /// <summary>Red: compute-bound, roofs.</summary>
    public static readonly Color Compute = Color.FromHex("#c53030");

    /// <summary>Blue: memory-bound.</summary>
    public static readonly Color Memory = Color.FromHex("#2b6cb0");

    /// <summary>Grey: overhead-bound.</summary>
    public static readonly Color Overhead = Color.FromHex("#718096");

    private static readonly string? FontName = new[] { "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica" }.FirstOrDefault(f => string.Equals(Fonts.GetTypeface(f, false, false)?.FamilyName, f, StringComparison.OrdinalIgnoreCase));

    /// <summary>A plot with the report's font and a white background.</summary>
    public static Plot NewPlot(string title)
    {
        var plot = new Plot();
        if (FontName is not null)
        {
            plot.Font.Set(FontName);
        }

        plot.Title(title, 15);
        plot.FigureBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Color.FromHex("#e2e8f0");
        plot.Axes.Frame(false);
        return plot;
    }

    /// <summary>Horizontal bars per category, heaviest at the top: one series per value array.</summary>
    public static void HorizontalBars(Plot plot, IReadOnlyList<string> categories, IReadOnlyList<(string Legend, double[] Values, Color Color)> series, string valueLabel)
    {
        var n = categories.Count;
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (var i = 0; i < n; i++)
            {
                bars.Add(new Bar
                {
                    Position = n - 1 - i + (series.Count == 1 ? 0 : 0.4 - width * (s + 0.5)),
                    Value = series[s].Values[i],
                    Size = width * 0.92,
                    FillColor = series[s].Color,
                    LineWidth = 0,
                    Orientation = Orientation.Horizontal,
                });
            }

            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
            if (series.Count > 1)
            {
                plottable.LegendText = series[s].Legend;
            }
        }

        var positions = Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray();
        plot.Axes.Left.TickGenerator = new NumericManual(positions, categories.Select(c => Shorten(c, 34)).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Grid.YAxisStyle.IsVisible = false;
        var max = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimits(0, max <= 0 ? 1 : max * 1.08, -0.6, n - 0.4);
        plot.XLabel(valueLabel, 13);
        if (series.Count > 1)
        {
            plot.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            plot.HideLegend();
        }
    }

    /// <summary>Labels an axis that carries log10 values with powers of ten: 0.01, 1, 100, 10K.</summary>
    public static void LogTicks(IAxis axis)
    {
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = v => Power(Math.Pow(10, v)),
        };
    }

    /// <summary>A power of ten without float noise: 0.001, 1, 1K, 1M.</summary>
    public static string Power(double value) => value switch
    {
        >= 1e12 => (value / 1e12).ToString("0.##", CultureInfo.InvariantCulture) + "T",
        >= 1e9 => (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1e6 => (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "K",
        _ => value.ToString("0.#####", CultureInfo.InvariantCulture),
    };

    /// <summary>The SI scale that suits <paramref name="max"/>: (1e9, "G").</summary>
    public static (double Divisor, string Prefix) Scale(double max) => max switch
    {
        >= 1e12 => (1e12, "T"),
        >= 1e9 => (1e9, "G"),
        >= 1e6 => (1e6, "M"),
        >= 1e3 => (1e3, "K"),
        _ => (1, string.Empty),
    };

    /// <summary>A layer's label: its name, with the op type added when the name does not already say it.</summary>
    public static string LayerLabel(Profiling.LayerProfile layer) =>
        layer.Name.Contains(layer.Op, StringComparison.OrdinalIgnoreCase) ? layer.Name : $"{layer.Name} ({layer.Op})";

    /// <summary>Keeps the end of a long name (the informative part of <c>/layer4/layer4.1/conv2/Conv</c>).</summary>
    public static string Shorten(string text, int max) => text.Length <= max ? text : "\u2026" + text[^(max - 1)..];
}
