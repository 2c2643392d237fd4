using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>Arithmetic on possibly unknown dimensions: a result is known only when its operands are.</summary>
public static class DimArithmetic
{
    /// <summary>a + b.</summary>
    public static Dim Add(Dim a, Dim b, string reason) => a.IsKnown && b.IsKnown ? checked(a.Value + b.Value) : Dim.Unknown(reason);

    /// <summary>a x b.</summary>
    public static Dim Multiply(Dim a, Dim b, string reason) => a.IsKnown && b.IsKnown ? checked(a.Value * b.Value) : Dim.Unknown(reason);

    /// <summary>a / b, which must divide exactly.</summary>
    public static Dim Divide(NodeContext context, Dim a, long b, string what)
    {
        if (b <= 0)
        {
            throw context.Invalid($"{what}: divisor {b} is not positive");
        }

        if (!a.IsKnown)
        {
            return Dim.Unknown(context.Node.OpType);
        }

        return a.Value % b == 0 ? a.Value / b : throw context.Invalid($"{what}: {a.Value} is not divisible by {b}");
    }

    /// <summary>Throws when both dimensions are known and differ.</summary>
    public static void RequireEqual(NodeContext context, Dim a, Dim b, string what)
    {
        if (a.IsKnown && b.IsKnown && a.Value != b.Value)
        {
            throw context.Invalid($"{what}: {a.Value} and {b.Value} differ");
        }
    }

    /// <summary>The known value, or an <see cref="UnresolvedException"/> naming <paramref name="what"/>.</summary>
    public static long Known(Dim d, string what) => d.IsKnown ? d.Value : throw new UnresolvedException($"{what} is not known ({d})");

    /// <summary>The first known of two dimensions (or <paramref name="a"/>).</summary>
    public static Dim Either(Dim a, Dim b) => a.IsKnown ? a : b.IsKnown ? b : a;
}
