using ScottPlot;

namespace FlopScope.Reports.Charts;

/// <summary>One chart of a report: its name for <c>--chart</c>, when it can be drawn, and how.</summary>
public interface IChart
{
    /// <summary>Name used by <c>--chart</c> and in the HTML section id (<c>chart-by-op</c>).</summary>
    string Name { get; }

    /// <summary>Heading of the chart's section.</summary>
    string Title { get; }

    /// <summary>True when the context holds what the chart needs (measured times, for instance).</summary>
    bool IsAvailable(ChartContext context);

    /// <summary>One or two sentences under the chart: what is drawn, units, what is left out.</summary>
    string Caption(ChartContext context);

    /// <summary>Builds the plot.</summary>
    Plot Build(ChartContext context);
}
