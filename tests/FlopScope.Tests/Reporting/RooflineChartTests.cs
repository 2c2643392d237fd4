using FlopScope.Hardware;
using FlopScope.Reports.Charts;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Reporting;

/// <summary>Issue 11 item 6: the roofline's units, its cache roof, and measured points off the roofs.</summary>
public sealed class RooflineChartTests
{
    private static readonly Lazy<FlopScope.Profiling.ProfileReport> Report = new(() => ModelCache.Fixture("resnet18").Profile());

    private static IEnumerable<string> Legend(ScottPlot.Plot plot) =>
        plot.GetPlottables().SelectMany(p => p.LegendItems).Select(i => i.LabelText);

    [Fact]
    public void AFastDeviceIsLabelledInTeraflopsNotThousandsOfGigaflops()
    {
        // t4 at fp16: 65 TFLOP/s peak x its compute efficiency.
        var report = ModelCache.Fixture("resnet18").Profile(new FlopScope.Profiling.ProfileOptions { Precision = Precision.Fp16 });
        var estimate = RooflineEstimator.Estimate(report, DeviceCatalog.BuiltIn().Get("t4"));
        var context = new ChartContext(report, estimate);
        var chart = new RooflineChart();
        var plot = chart.Build(context);

        var roof = estimate.RoofFlopsPerSecond / 1e12;
        Assert.InRange(roof, 1, 999);
        Assert.Equal("attainable TFLOP/s (log)", plot.Axes.Left.Label.Text);
        Assert.Contains($"compute roof {roof:0.##} TFLOP/s", Legend(plot));
        Assert.Contains($"compute roof {roof:0.##} TFLOP/s", chart.Caption(context));
        Assert.DoesNotContain("K GFLOP/s", chart.Caption(context) + string.Join(" ", Legend(plot)));
        Assert.Equal("184 GFLOP/s", RooflineChart.Rate(184e9));
        Assert.Equal("49.56 TFLOP/s", RooflineChart.Rate(49.56e12));
    }

    [Fact]
    public void TheCacheRoofIsDrawnWhenTheDeviceHasOne()
    {
        var rpi5 = DeviceCatalog.BuiltIn().Get("rpi5");
        var withCache = rpi5 with { CacheBandwidthGBs = 100, CacheBytes = 2 << 20 };

        var plain = new RooflineChart().Build(new ChartContext(Report.Value, RooflineEstimator.Estimate(Report.Value, rpi5)));
        var cached = new ChartContext(Report.Value, RooflineEstimator.Estimate(Report.Value, withCache));

        Assert.DoesNotContain(Legend(plain), l => l.StartsWith("cache roof", StringComparison.Ordinal));
        // 100 GB/s x rpi5's memory efficiency (the estimator's own cache bandwidth).
        Assert.Contains($"cache roof {100 * rpi5.MemoryEfficiency:0.#} GB/s", Legend(new RooflineChart().Build(cached)));
        Assert.Contains("cache roof", new RooflineChart().Caption(cached));
    }

    [Fact]
    public void MeasuredTimesPlaceLayersAtTheirMeasuredRate()
    {
        var estimate = RooflineEstimator.Estimate(Report.Value, DeviceCatalog.BuiltIn().Get("rpi5"));
        // Each layer measured 3x slower than estimated: measured points must sit a factor 3 under the estimated ones.
        var seconds = estimate.Layers.Where(l => l.Seconds > 0).ToDictionary(l => Report.Value.Layers[l.Index].Name, l => 3 * l.Seconds);
        var context = new ChartContext(Report.Value, estimate, seconds);

        var measured = RooflineChart.Measured(context);
        Assert.NotEmpty(measured);
        var conv = Report.Value.Layers.First(l => l.Op == "Conv");
        var convEstimate = estimate.Layers.Single(l => l.Index == conv.Index);
        Assert.Contains(measured, m => Math.Abs(m.Rate - (convEstimate.AttainedFlopsPerSecond / 3)) < 1e-6 * m.Rate);
        Assert.Contains($"measured ({measured.Count})", Legend(new RooflineChart().Build(context)));

        // Without a device, measured layers are placed by their measured rate.
        var alone = new RooflineChart().Build(new ChartContext(Report.Value, null, seconds));
        Assert.EndsWith("FLOP/s (log)", alone.Axes.Left.Label.Text);
    }

    [Fact]
    public void CliDrawsMeasuredPointsInAnSvgRoofline()
    {
        using var folder = new TempFolder();
        var bench = folder.File("bench.json");
        Assert.Equal(0, CliRunner.Run("bench", Fixtures.Model("squeezenet1_1"), "--runs", "1", "--warmup", "0", "--layer-runs", "1",
            "--threads", "1", "--graph-optimization", "none", "-o", bench).ExitCode);

        var result = CliRunner.Run("profile", Fixtures.Model("squeezenet1_1"), "--device", "rpi5", "--chart", "roofline", "--measured", bench, "-o", folder.File("r.svg"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("<svg", File.ReadAllText(folder.File("r.svg")));
    }
}
