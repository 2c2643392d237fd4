using System.Numerics;

namespace FlopScope.Sweeps;

/// <summary>
/// Finds the exact polynomial through measured points: the lowest degree d whose interpolant through the first d + 1
/// points also passes exactly through every remaining point. At least one point is always held out, so a fit is
/// verified at a size that was not used to make it; with no such degree the data are reported as not polynomial.
/// </summary>
public static class PolynomialFit
{
    /// <summary>Fits <paramref name="points"/> (distinct x). Returns null when no polynomial of degree up to
    /// points - 2 fits them all exactly.</summary>
    public static Polynomial? Fit(IReadOnlyList<(long X, long Y)> points)
    {
        if (points.Count < 2 || points.Select(p => p.X).Distinct().Count() != points.Count)
        {
            return null;
        }

        for (var degree = 0; degree <= points.Count - 2; degree++)
        {
            var candidate = Interpolate(points.Take(degree + 1).ToArray());
            if (points.Skip(degree + 1).All(p => candidate.Evaluate(p.X) == (new BigInteger(p.Y), BigInteger.One)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Newton's divided differences, expanded into monomial coefficients, all in exact rationals.</summary>
    private static Polynomial Interpolate((long X, long Y)[] points)
    {
        var n = points.Length;
        var table = points.Select(p => (N: (BigInteger)p.Y, D: BigInteger.One)).ToArray();
        var newton = new (BigInteger N, BigInteger D)[n];
        newton[0] = table[0];
        for (var level = 1; level < n; level++)
        {
            for (var i = n - 1; i >= level; i--)
            {
                table[i] = Rational.Divide(Rational.Subtract(table[i], table[i - 1]), (points[i].X - points[i - level].X, 1));
            }

            newton[level] = table[level];
        }

        // Expand c0 + c1 (x - x0) + c2 (x - x0)(x - x1) + ... into powers of x.
        var coefficients = Enumerable.Repeat((N: BigInteger.Zero, D: BigInteger.One), n).ToArray();
        var basis = new (BigInteger N, BigInteger D)[n];
        basis[0] = (1, 1);
        for (var k = 1; k < n; k++)
        {
            basis[k] = (0, 1);
        }

        for (var level = 0; level < n; level++)
        {
            for (var k = 0; k < n; k++)
            {
                coefficients[k] = Rational.Add(coefficients[k], Rational.Multiply(newton[level], basis[k]));
            }

            if (level < n - 1)
            {
                // basis *= (x - x_level)
                var next = new (BigInteger N, BigInteger D)[n];
                for (var k = 0; k < n; k++)
                {
                    next[k] = (0, 1);
                }

                for (var k = 0; k < n; k++)
                {
                    if (k + 1 < n)
                    {
                        next[k + 1] = Rational.Add(next[k + 1], basis[k]);
                    }

                    next[k] = Rational.Subtract(next[k], Rational.Multiply(basis[k], (points[level].X, 1)));
                }

                basis = next;
            }
        }

        return new Polynomial(coefficients);
    }
}
