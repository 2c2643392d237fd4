using FlopScope.Graph;

namespace FlopScope.Operators.Elementwise;

/// <summary>
/// The FLOP rule for elementwise work: floating-point outputs cost their per-element figure; integer and boolean
/// arithmetic (shape computations, masks, indices) is not floating-point work and counts zero.
/// </summary>
public static class FloatCost
{
    /// <summary>FLOPs of <paramref name="elements"/> elements at <paramref name="perElement"/> each, for element type <paramref name="type"/>.</summary>
    public static long Of(DataType type, long elements, long perElement) =>
        type.IsFloating() || type == DataType.Undefined ? checked(elements * perElement) : 0;
}
