namespace FlopScope.Profiling;

/// <summary>One tensor a layer reads or writes, as kernel detection needs it.</summary>
/// <param name="Name">Value name in the graph.</param>
/// <param name="Elements">Element count (0 when unknown).</param>
/// <param name="Bytes">Bytes at the report's precision (0 when unknown).</param>
/// <param name="Constant">True for stored tensors (weights) and values known statically (folded constants).</param>
/// <param name="Dims">Dimensions when all are known, else empty.</param>
public sealed record LayerTensor(string Name, long Elements, long Bytes, bool Constant, IReadOnlyList<long> Dims)
{
    /// <summary>Element type, when known.</summary>
    public Graph.DataType? DataType { get; init; }

    /// <summary>The value of a statically known tensor of at most <see cref="MaxValueElements"/> elements, else null: lets
    /// kernel detection tell equal small constants apart from different ones, as a runtime that shares equal constants
    /// does, and read a shape computation's indices and operands.</summary>
    public Graph.TensorValue? Value { get; init; }

    /// <summary>Largest tensor whose <see cref="Value"/> is kept.</summary>
    public const int MaxValueElements = 16;
}
