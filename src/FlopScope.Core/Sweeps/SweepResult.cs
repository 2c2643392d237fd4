using FlopScope.Profiling;

namespace FlopScope.Sweeps;

/// <summary>Profiles of one model at several sizes of one dimension, with the exact polynomial of each metric.</summary>
/// <param name="Dimension">The swept dimension: <c>imgsz</c>, <c>batch</c> or a symbol such as <c>sequence</c>.</param>
/// <param name="Points">(size, profile) in the order given.</param>
/// <param name="Fits">Per metric: the polynomial, or null when no exact polynomial fits (see <see cref="Reason"/>).</param>
/// <param name="Reason">Why metrics were not fitted, when they were not.</param>
public sealed record SweepResult(string Dimension, IReadOnlyList<(long Size, ProfileReport Report)> Points,
    IReadOnlyDictionary<string, Polynomial?> Fits, string? Reason);
