namespace FlopScope.Profiling;

/// <summary>Totals of one op type.</summary>
/// <param name="Op">Op type (domain-prefixed outside the default domain).</param>
/// <param name="Count">Number of nodes.</param>
/// <param name="Parameters">Parameters first consumed by these nodes.</param>
/// <param name="Macs">MACs under the report's convention.</param>
/// <param name="TotalFlops">All arithmetic.</param>
public sealed record OpTypeProfile(string Op, int Count, long Parameters, long Macs, long TotalFlops)
{
    /// <summary>2 x MACs.</summary>
    public long Flops => 2 * Macs;
}
