using FlopScope.Hardware;

namespace FlopScope.Reports.Html;

/// <summary>What the HTML report adds to the profile when it is known.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>Roofline estimate of the report on one device: adds roofs, estimated time per layer and the latency.</summary>
    public DeviceEstimate? Estimate { get; init; }

    /// <summary>
    /// Measured time per layer in seconds, keyed by layer (node) name: the hook a benchmark run fills. When present the
    /// layer table gains a measured column and the measured-vs-estimated chart is drawn; when absent neither appears.
    /// </summary>
    public IReadOnlyDictionary<string, double>? MeasuredSeconds { get; init; }
}
