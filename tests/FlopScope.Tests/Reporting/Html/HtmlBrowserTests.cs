using System.Text.RegularExpressions;
using FlopScope.Tests.Support;
using SkiaSharp;

namespace FlopScope.Tests.Reporting.Html;

/// <summary>Renders the HTML report in headless Chromium: the page draws (a real, non-blank screenshot) and its script
/// runs (the filter's row count appears in the DOM).</summary>
public sealed class HtmlBrowserTests
{
    private const int Width = 1400;
    private const int Height = 2000;

    [SkippableFact]
    public void ReportRendersInHeadlessChromium()
    {
        var chromium = Chromium.Require();
        using var folder = new TempFolder();
        var page = folder.File("report.html");
        File.WriteAllText(page, HtmlReportFixture.Html());
        var url = new Uri(page).AbsoluteUri;
        var screenshot = folder.File("shot.png");

        Chromium.Run(chromium, url, folder.File("profile-shot"), $"--screenshot={screenshot}", $"--window-size={Width},{Height}", "--hide-scrollbars");
        var dom = Chromium.Run(chromium, url, folder.File("profile-dom"), "--dump-dom", "--virtual-time-budget=2000");

        Assert.True(File.Exists(screenshot), "no screenshot written");
        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.NotNull(bitmap);
        Assert.Equal((Width, Height), (bitmap.Width, bitmap.Height));
        AssertNotBlank(bitmap);

        var layers = HtmlReportFixture.Report.Layers.Count;
        Assert.Equal(layers, Regex.Count(dom, "<tr data-index=\"\\d+\""));
        Assert.Contains($"{layers} of {layers} layers", dom);
        foreach (var chart in new[] { "by-op", "top-layers", "modules", "roofline" })
        {
            Assert.Matches($"<section id=\"chart-{chart}\"[^>]*>.*?<svg", dom.Replace("\n", " "));
        }
    }

    /// <summary>A blank page is one colour; a drawn report has text, bars and lines in many colours and much ink.</summary>
    private static void AssertNotBlank(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        var background = bitmap.GetPixel(bitmap.Width - 2, bitmap.Height - 2);
        var ink = 0;
        var samples = 0;
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                var pixel = bitmap.GetPixel(x, y);
                colours.Add((uint)pixel);
                samples++;
                if (pixel != background)
                {
                    ink++;
                }
            }
        }

        Assert.True(colours.Count > 50, $"only {colours.Count} distinct colours: the page looks blank");
        Assert.True(ink > samples / 20, $"only {ink} of {samples} sampled pixels differ from the background");
    }
}
