using System.Globalization;
using System.Numerics;
using System.Text;

namespace FlopScope.Sweeps;

/// <summary>A polynomial with exact rational coefficients, <c>Coefficients[k]</c> multiplying x^k.</summary>
/// <param name="Coefficients">Coefficients from degree 0 up, each as (numerator, denominator) with denominator > 0.</param>
public sealed record Polynomial(IReadOnlyList<(BigInteger Numerator, BigInteger Denominator)> Coefficients)
{
    /// <summary>Highest degree with a non-zero coefficient (0 for a constant).</summary>
    public int Degree => Enumerable.Range(0, Coefficients.Count).LastOrDefault(k => !Coefficients[k].Numerator.IsZero);

    /// <summary>True when every coefficient is an integer.</summary>
    public bool HasIntegerCoefficients => Coefficients.All(c => c.Denominator.IsOne);

    /// <summary>Exact value at <paramref name="x"/> (as a fraction).</summary>
    public (BigInteger Numerator, BigInteger Denominator) Evaluate(long x)
    {
        (BigInteger n, BigInteger d) sum = (0, 1);
        BigInteger power = 1;
        foreach (var (num, den) in Coefficients)
        {
            sum = Rational.Add(sum, (num * power, den));
            power *= x;
        }

        return sum;
    }

    /// <summary>Formats as <c>13,214,154,752 S + 524,288 S^2</c> in variable <paramref name="variable"/>.</summary>
    public string ToString(string variable)
    {
        var terms = new List<string>();
        for (var k = 0; k < Coefficients.Count; k++)
        {
            var (n, d) = Coefficients[k];
            if (n.IsZero)
            {
                continue;
            }

            var value = d.IsOne ? n.ToString("N0", CultureInfo.InvariantCulture) : $"{n.ToString("N0", CultureInfo.InvariantCulture)}/{d.ToString("N0", CultureInfo.InvariantCulture)}";
            terms.Add(k switch
            {
                0 => value,
                1 => $"{value} {variable}",
                _ => $"{value} {variable}^{k}",
            });
        }

        if (terms.Count == 0)
        {
            return "0";
        }

        var text = new StringBuilder(terms[0]);
        foreach (var term in terms.Skip(1))
        {
            text.Append(term.StartsWith('-') ? " - " + term[1..] : " + " + term);
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToString("x");
}
