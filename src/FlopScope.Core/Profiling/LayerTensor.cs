namespace FlopScope.Profiling;

/// <summary>One tensor a layer reads or writes, as kernel detection needs it.</summary>
/// <param name="Name">Value name in the graph.</param>
/// <param name="Elements">Element count (0 when unknown).</param>
/// <param name="Bytes">Bytes at the report's precision (0 when unknown).</param>
/// <param name="Constant">True for stored tensors (weights) and values known statically (folded constants).</param>
/// <param name="Dims">Dimensions when all are known, else empty.</param>
public sealed record LayerTensor(string Name, long Elements, long Bytes, bool Constant, IReadOnlyList<long> Dims);
