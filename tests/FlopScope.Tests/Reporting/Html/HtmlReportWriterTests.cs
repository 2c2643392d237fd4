using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlopScope.Reports.Charts;
using FlopScope.Reports.Html;

namespace FlopScope.Tests.Reporting.Html;

public sealed class HtmlReportWriterTests
{
    private static readonly string[] StaticCharts = ["by-op", "top-layers", "modules", "roofline"];

    private static string Section(string html, string id)
    {
        var match = Regex.Match(html, $"<section id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</figure></section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"section {id} missing");
        return match.Groups[1].Value;
    }

    [Fact]
    public void EveryChartSectionHoldsAnInlineSvg()
    {
        var html = HtmlReportFixture.Html();

        foreach (var chart in StaticCharts)
        {
            var section = Section(html, "chart-" + chart);
            Assert.Contains("<svg", section);
            Assert.Contains("</svg>", section);
            Assert.Contains("<figcaption>", section);
        }

        Assert.DoesNotContain("id=\"chart-measured\"", html);
    }

    [Fact]
    public void IsSelfContained()
    {
        var html = HtmlReportFixture.Html();

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotMatch(@"<script[^>]+src=", html);
        Assert.DoesNotMatch(@"<link\b", html);
        Assert.DoesNotMatch(@"<img\b", html);
        Assert.DoesNotMatch(@"@import|url\((?!#)", html);
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void IdsAreUniqueAcrossTheInlinedCharts()
    {
        var ids = Regex.Matches(HtmlReportFixture.Html(), "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void LayerTableHasOneRowPerLayerWithTheJsonWritersNumbers()
    {
        var html = HtmlReportFixture.Html();
        using var json = JsonDocument.Parse(HtmlReportFixture.Json());
        var layers = json.RootElement.GetProperty("layers").EnumerateArray().ToList();

        var table = Regex.Match(html, "<table id=\"layer-table\".*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(table, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HtmlReportFixture.Report.Layers.Count, rows.Count);
        Assert.Equal(layers.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = Regex.Matches(rows[i], "<td data-key=\"([^\"]+)\" data-value=\"([^\"]*)\"")
                .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
            var layer = layers[i];
            Assert.Equal(layer.GetProperty("index").GetInt64().ToString(), cells["index"]);
            Assert.Equal(layer.GetProperty("name").GetString(), cells["name"]);
            Assert.Equal(layer.GetProperty("op").GetString(), cells["op"]);
            Assert.Equal(layer.GetProperty("params").GetInt64().ToString(), cells["params"]);
            Assert.Equal(layer.GetProperty("macs").GetInt64().ToString(), cells["macs"]);
            Assert.Equal(layer.GetProperty("flops").GetInt64().ToString(), cells["flops"]);
            Assert.Equal(layer.GetProperty("total_flops").GetInt64().ToString(), cells["total_flops"]);
            Assert.Equal((layer.GetProperty("bytes_read").GetInt64() + layer.GetProperty("bytes_written").GetInt64()).ToString(), cells["bytes"]);
            Assert.Equal(layer.GetProperty("intensity").GetDouble(), double.Parse(cells["intensity"], System.Globalization.CultureInfo.InvariantCulture), 4);
            Assert.True(cells.ContainsKey("est_us"));
        }
    }

    [Fact]
    public void SummaryCardsCarryTheJsonSummaryAndTheInputShape()
    {
        var html = HtmlReportFixture.Html();
        using var json = JsonDocument.Parse(HtmlReportFixture.Json());
        var summary = json.RootElement.GetProperty("summary");

        string Card(string key) => Regex.Match(html, $"<div class=\"card\" data-key=\"{key}\" data-value=\"([^\"]+)\">(.*?)</div>\\n", RegexOptions.Singleline) is { Success: true } m
            ? m.Groups[1].Value + "|" + m.Groups[2].Value
            : throw new Xunit.Sdk.XunitException($"card {key} missing");

        Assert.StartsWith(summary.GetProperty("flops").GetInt64() + "|", Card("flops"));
        Assert.StartsWith(summary.GetProperty("macs").GetInt64() + "|", Card("macs"));
        Assert.StartsWith(summary.GetProperty("total_flops").GetInt64() + "|", Card("total_flops"));
        Assert.StartsWith(summary.GetProperty("parameters").GetInt64() + "|", Card("parameters"));
        Assert.StartsWith(summary.GetProperty("memory").GetProperty("total_bytes").GetInt64() + "|", Card("memory"));
        foreach (var key in new[] { "flops", "macs", "total_flops", "memory", "latency" })
        {
            Assert.Contains("1x3x224x224", Card(key));
        }

        Assert.Contains("3.6 GFLOPs", Card("flops"));
        Assert.Contains("data-key=\"convention\"><b>default</b>", html);
        Assert.Contains("Every node is counted", html);
    }

    [Fact]
    public void WithoutADeviceTheRooflineSaysItsRoofsAreOmitted()
    {
        var html = HtmlReportFixture.Html(new HtmlReportOptions());

        Assert.Contains("roofs omitted", Section(html, "chart-roofline"));
        Assert.DoesNotContain("data-key=\"est_us\"", html);
        Assert.DoesNotContain("data-key=\"latency\"", html);
    }

    [Fact]
    public void MeasuredTimesAddTheirChartAndColumnOnlyWhenPresent()
    {
        var report = HtmlReportFixture.Report;
        var measured = report.Layers.Where(l => !l.Free).ToDictionary(l => l.Name, l => 1e-5 * (1 + l.Index % 7));

        var html = HtmlReportFixture.Html(new HtmlReportOptions { Estimate = HtmlReportFixture.Estimate, MeasuredSeconds = measured });

        Assert.Contains("<svg", Section(html, "chart-measured"));
        Assert.Contains("data-key=\"measured_us\"", html);
    }

    [Fact]
    public void UnsupportedOpsAreListed()
    {
        var report = HtmlReportFixture.Report with
        {
            Summary = HtmlReportFixture.Report.Summary with { Unsupported = [new("FrobnicateXyz", 2, "no handler for FrobnicateXyz")] },
        };
        using var writer = new StringWriter();

        new HtmlReportWriter().Write(report, new FlopScope.Reporting.ReportView(), writer);

        Assert.Matches("<tr data-kind=\"unsupported\"><td>FrobnicateXyz</td><td class=\"num\">2</td>", writer.ToString());
    }

    [Fact]
    public void ChartsRenderAsStandaloneSvgAndPng()
    {
        var context = new ChartContext(HtmlReportFixture.Report, HtmlReportFixture.Estimate);
        foreach (var chart in ChartCatalog.All.Where(c => c.IsAvailable(context)))
        {
            var svg = ChartRenderer.Svg(chart, context);
            var png = ChartRenderer.Png(chart, context, 400, 300);

            Assert.Contains("xmlns=\"http://www.w3.org/2000/svg\"", svg);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
            using var bitmap = SkiaSharp.SKBitmap.Decode(png);
            Assert.Equal((400, 300), (bitmap.Width, bitmap.Height));
        }
    }
}
