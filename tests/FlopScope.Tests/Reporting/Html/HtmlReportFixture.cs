using FlopScope.Hardware;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Reports.Html;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Reporting.Html;

/// <summary>The resnet18 report on rpi5 as HTML and as JSON, built once for the HTML tests.</summary>
internal static class HtmlReportFixture
{
    private static readonly Lazy<(ProfileReport Report, DeviceEstimate Estimate)> Built = new(() =>
    {
        var report = ModelCache.Fixture("resnet18").Profile();
        return (report, RooflineEstimator.Estimate(report, DeviceCatalog.BuiltIn().Get("rpi5")));
    });

    public static ProfileReport Report => Built.Value.Report;

    public static DeviceEstimate Estimate => Built.Value.Estimate;

    public static string Html(HtmlReportOptions? options = null, ReportView? view = null)
    {
        using var writer = new StringWriter();
        new HtmlReportWriter(options ?? new HtmlReportOptions { Estimate = Estimate }).Write(Report, view ?? new ReportView(), writer);
        return writer.ToString();
    }

    public static string Json()
    {
        using var writer = new StringWriter();
        new JsonReportWriter().Write(Report, new ReportView(), writer);
        return writer.ToString();
    }
}
