using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class LrnHandlerTests
{
    [Fact]
    public void AlexNetLrnCountsWindowPlusFourPerElement()
    {
        var result = new TestGraph().Input("x", 1, 96, 55, 55)
            .Node("LRN", ["x"], ["y"], ("size", 5), ("alpha", 1e-4f), ("beta", 0.75f), ("bias", 1f))
            .Analyze();

        Assert.Equal("1x96x55x55", result.ShapeOf("y"));
        Assert.Equal(96L * 55 * 55 * 9, result.TotalCost.OtherFlops); // 2,613,600
    }

    [Fact]
    public void SizeIsRequired()
    {
        var graph = new TestGraph().Input("x", 1, 4, 2, 2).Node("LRN", ["x"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
