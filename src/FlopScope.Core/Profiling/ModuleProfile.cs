namespace FlopScope.Profiling;

/// <summary>Totals of one module (exporter scope) at the report's depth.</summary>
/// <param name="Module">Module path, e.g. <c>model.23</c>.</param>
/// <param name="Nodes">Number of nodes.</param>
/// <param name="Parameters">Parameters first consumed in the module.</param>
/// <param name="Macs">MACs under the report's convention.</param>
/// <param name="TotalFlops">All arithmetic.</param>
public sealed record ModuleProfile(string Module, int Nodes, long Parameters, long Macs, long TotalFlops)
{
    /// <summary>2 x MACs.</summary>
    public long Flops => 2 * Macs;
}
