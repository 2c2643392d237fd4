using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>Renders charts with ScottPlot: a standalone SVG or PNG file, or SVG markup to inline into HTML.</summary>
public static partial class ChartRenderer
{
    /// <summary>Default chart width in pixels.</summary>
    public const int Width = 760;

    /// <summary>Default chart height in pixels.</summary>
    public const int Height = 460;

    /// <summary>A standalone SVG document (with its XML namespace) of <paramref name="chart"/>.</summary>
    public static string Svg(IChart chart, ChartContext context, int width = Width, int height = Height)
    {
        using var plot = chart.Build(context);
        return plot.GetSvgXml(width, height);
    }

    /// <summary>PNG bytes of <paramref name="chart"/> (ScottPlot's SkiaSharp raster backend; works headless).</summary>
    public static byte[] Png(IChart chart, ChartContext context, int width = Width, int height = Height)
    {
        using var plot = chart.Build(context);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// SVG markup to place inside an HTML page: no XML declaration or namespace URLs (HTML needs neither), ids prefixed
    /// with <paramref name="idPrefix"/> so that several charts' clip paths cannot collide, scaled to its container, and
    /// without the plot's title (the page's heading carries it).
    /// When ScottPlot cannot draw (no usable font, for example) a plain SVG that says why takes its place.
    /// </summary>
    public static string InlineSvg(IChart chart, ChartContext context, string idPrefix, int width = Width, int height = Height)
    {
        string svg;
        try
        {
            // The page's heading names the chart: the plot's own title would repeat it.
            using var plot = chart.Build(context);
            plot.Title(false);
            svg = plot.GetSvgXml(width, height);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NullReferenceException or TypeInitializationException or DllNotFoundException)
        {
            return Placeholder(chart.Title, e.Message, width, height);
        }

        svg = XmlDeclaration().Replace(svg, string.Empty);
        svg = Namespace().Replace(svg, string.Empty);
        svg = IdAttribute().Replace(svg, m => $"id=\"{idPrefix}-{m.Groups[1].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{idPrefix}-{m.Groups[1].Value})");
        svg = HrefReference().Replace(svg, m => $"href=\"#{idPrefix}-{m.Groups[1].Value}\"");
        var size = string.Create(CultureInfo.InvariantCulture, $"width=\"{width}\" height=\"{height}\"");
        var root = string.Create(CultureInfo.InvariantCulture,
            $"viewBox=\"0 0 {width} {height}\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(chart.Title)}\"");
        var at = svg.IndexOf(size, StringComparison.Ordinal);
        return (at >= 0 ? svg[..at] + root + svg[(at + size.Length)..] : svg).Trim();
    }

    /// <summary>A plain SVG standing in for a chart that could not be drawn.</summary>
    public static string Placeholder(string title, string reason, int width = Width, int height = Height) => string.Create(CultureInfo.InvariantCulture,
        $"<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\"><rect width=\"{width}\" height=\"{height}\" fill=\"#f7fafc\" stroke=\"#cbd5e0\"/>"
        + $"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\" fill=\"#4a5568\">{WebUtility.HtmlEncode(title)}: chart unavailable ({WebUtility.HtmlEncode(reason)})</text></svg>");

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\s+xmlns(:\w+)?=""[^""]*""")]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\bid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"href=""#([^""]+)""")]
    private static partial Regex HrefReference();
}
