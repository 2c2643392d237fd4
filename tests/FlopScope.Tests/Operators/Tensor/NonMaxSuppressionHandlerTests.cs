using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class NonMaxSuppressionHandlerTests
{
    [Fact]
    public void SelectedCountIsDataDependent()
    {
        var result = new TestGraph().Input("boxes", 1, 100, 4).Input("scores", 1, 80, 100).Ints("max", [10], [])
            .Node("NonMaxSuppression", ["boxes", "scores", "max"], ["sel"])
            .Analyze();

        Assert.Equal("?x3", result.ShapeOf("sel"));
        Assert.Equal(DataType.Int64, result.Value("sel").DataType);
        Assert.Equal(0, result.TotalCost.OtherFlops);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("not counted", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongRankIsAnError()
    {
        var graph = new TestGraph().Input("boxes", 100, 4).Input("scores", 1, 80, 100).Node("NonMaxSuppression", ["boxes", "scores"], ["sel"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
