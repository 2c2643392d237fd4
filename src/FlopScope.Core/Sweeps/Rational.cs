using System.Numerics;

namespace FlopScope.Sweeps;

/// <summary>Exact fraction arithmetic on (numerator, denominator) pairs, kept reduced with a positive denominator.</summary>
internal static class Rational
{
    public static (BigInteger N, BigInteger D) Reduce(BigInteger n, BigInteger d)
    {
        if (d.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (d.Sign < 0)
        {
            n = -n;
            d = -d;
        }

        var g = BigInteger.GreatestCommonDivisor(n, d);
        return g.IsZero || g.IsOne ? (n, d) : (n / g, d / g);
    }

    public static (BigInteger N, BigInteger D) Add((BigInteger N, BigInteger D) a, (BigInteger N, BigInteger D) b) =>
        Reduce((a.N * b.D) + (b.N * a.D), a.D * b.D);

    public static (BigInteger N, BigInteger D) Subtract((BigInteger N, BigInteger D) a, (BigInteger N, BigInteger D) b) =>
        Reduce((a.N * b.D) - (b.N * a.D), a.D * b.D);

    public static (BigInteger N, BigInteger D) Multiply((BigInteger N, BigInteger D) a, (BigInteger N, BigInteger D) b) =>
        Reduce(a.N * b.N, a.D * b.D);

    public static (BigInteger N, BigInteger D) Divide((BigInteger N, BigInteger D) a, (BigInteger N, BigInteger D) b) =>
        Reduce(a.N * b.D, a.D * b.N);
}
