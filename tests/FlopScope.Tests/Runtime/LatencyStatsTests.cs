using FlopScope.Runtime;

namespace FlopScope.Tests.Runtime;

public sealed class LatencyStatsTests
{
    [Fact]
    public void OddSeriesHasTheMiddleValueAsMedianAndInterpolatedPercentiles()
    {
        // Sorted: 1 2 3 4 5 6 7 8 9 10 100 (n = 11).
        var stats = LatencyStats.From([5, 3, 100, 1, 2, 4, 6, 7, 8, 9, 10]);

        Assert.Equal(11, stats.Runs);
        Assert.Equal(1, stats.MinMs);
        Assert.Equal(100, stats.MaxMs);
        Assert.Equal(6, stats.MedianMs);                  // h = 10 x 0.5 = 5 -> x[5]
        Assert.Equal(10, stats.P90Ms, 9);                 // h = 9 -> x[9]
        Assert.Equal(10 + 0.9 * 90, stats.P99Ms, 9);      // h = 9.9 -> x[9] + 0.9 (x[10] - x[9])
        Assert.Equal(155.0 / 11, stats.MeanMs, 9);
    }

    [Fact]
    public void EvenSeriesMedianIsTheMeanOfTheTwoMiddleValues()
    {
        var stats = LatencyStats.From([4, 1, 3, 2]);

        Assert.Equal(2.5, stats.MedianMs, 9);
        Assert.Equal(3.7, stats.P90Ms, 9);                // h = 2.7 -> 3 + 0.7 x 1
        Assert.Equal(Math.Sqrt(5.0 / 3), stats.StdDevMs, 9); // sample: sum of squares 5 over n - 1 = 3
    }

    [Fact]
    public void SingleRunHasZeroSpread()
    {
        var stats = LatencyStats.From([7.5]);

        Assert.Equal(7.5, stats.MedianMs);
        Assert.Equal(7.5, stats.P99Ms);
        Assert.Equal(0, stats.StdDevMs);
    }
}
