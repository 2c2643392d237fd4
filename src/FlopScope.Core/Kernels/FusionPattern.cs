namespace FlopScope.Kernels;

/// <summary>
/// A multi-node pattern a runtime fuses into one kernel (decomposed GELU, LayerNorm, softmax, SiLU, attention).
/// <see cref="Ops"/> lists the pattern's nodes in an order where each node's computed inputs come from earlier
/// pattern nodes, or from the tensor that enters the pattern (consumed by the first node). Nodes at the positions in
/// <see cref="ExtraInputs"/> may read one more computed tensor from outside (attention's V, a mask, K). Every
/// tensor passed inside the pattern must have no consumer outside it.
/// </summary>
public sealed record FusionPattern
{
    /// <summary>Id used as <c>@id</c> in rules, e.g. <c>gelu</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Op names in a topological order of the pattern.</summary>
    public required IReadOnlyList<string> Ops { get; init; }

    /// <summary>Positions (0-based) of nodes that may read an extra computed input from outside the pattern.</summary>
    public IReadOnlyList<int> ExtraInputs { get; init; } = [];

    /// <summary>Class of the kernel the pattern becomes when it stands alone.</summary>
    public required KernelClass Class { get; init; }

    /// <summary>Where the pattern comes from.</summary>
    public required string Source { get; init; }
}
