using FlopScope.Hardware;
using FlopScope.Profiling;

namespace FlopScope.Reports.Charts;

/// <summary>What a chart is drawn from: the built report and, when known, a device estimate and measured times.
/// Charts only read these; they compute no FLOPs, bytes or times of their own.</summary>
/// <param name="Report">The profile.</param>
/// <param name="Estimate">Roofline estimate of the report on one device, or null.</param>
/// <param name="MeasuredSeconds">Measured time per layer name in seconds (filled by a benchmark), or null.</param>
public sealed record ChartContext(ProfileReport Report, DeviceEstimate? Estimate = null, IReadOnlyDictionary<string, double>? MeasuredSeconds = null);
