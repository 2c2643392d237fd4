using FlopScope.Sweeps;

namespace FlopScope.Tests.Sweeps;

public sealed class PolynomialFitTests
{
    [Fact]
    public void RecoversAnExactQuadraticAndVerifiesItOnAHeldOutPoint()
    {
        // y = 7 + 3x + 2x^2 at four points: degree 2 is fitted on three and checked on the fourth.
        long Y(long x) => 7 + (3 * x) + (2 * x * x);
        var fit = PolynomialFit.Fit([(1, Y(1)), (2, Y(2)), (5, Y(5)), (9, Y(9))]);

        Assert.NotNull(fit);
        Assert.Equal(2, fit.Degree);
        Assert.True(fit.HasIntegerCoefficients);
        Assert.Equal("7 + 3 x + 2 x^2", fit.ToString("x"));
    }

    [Fact]
    public void PrefersTheLowestDegree()
    {
        var fit = PolynomialFit.Fit([(10, 100), (20, 200), (40, 400)]);

        Assert.Equal("10 S", fit!.ToString("S"));
    }

    [Fact]
    public void KeepsExactFractions()
    {
        // y = x^2 / 4 on multiples of 2.
        var fit = PolynomialFit.Fit([(2, 1), (4, 4), (6, 9), (8, 16)]);

        Assert.Equal("1/4 x^2", fit!.ToString("x"));
        Assert.False(fit.HasIntegerCoefficients);
    }

    [Fact]
    public void RefusesDataThatNoPolynomialOfAllowedDegreeFits()
    {
        // 2^x is not a polynomial of degree <= 2 on four points.
        Assert.Null(PolynomialFit.Fit([(1, 2), (2, 4), (3, 8), (4, 16)]));
    }

    [Fact]
    public void NeedsTwoDistinctPoints()
    {
        Assert.Null(PolynomialFit.Fit([(1, 2)]));
        Assert.Null(PolynomialFit.Fit([(1, 2), (1, 2)]));
    }
}
