namespace FlopScope.Runtime;

/// <summary>Where a benchmark stands, for progress displays.</summary>
/// <param name="Phase">session, warmup, timing or layers.</param>
/// <param name="Done">Runs done in this phase.</param>
/// <param name="Total">Runs planned in this phase (an estimate while timing by duration).</param>
public sealed record BenchProgress(string Phase, int Done, int Total);
