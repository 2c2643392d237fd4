namespace FlopScope.Operators.Tensor;

/// <summary>Tensor layout, shape and indexing ops (Reshape, Transpose, Concat, Slice, Gather, Shape, ...), with value propagation.</summary>
internal static class TensorOperators
{
    public static void Register(OperatorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
