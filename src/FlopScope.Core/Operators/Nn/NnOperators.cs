namespace FlopScope.Operators.Nn;

/// <summary>Neural-network ops: pooling, normalization, reductions, softmax, resize, recurrent and attention ops.</summary>
internal static class NnOperators
{
    public static void Register(OperatorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
    }
}
