using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.ControlFlow;

public sealed class LoopHandlerTests
{
    // Body: h2 = MatMul(h, w) (1x4 x 4x4: 16 MACs); s = Relu(h2) (4 FLOPs) as scan output; cond passed through.
    private static Graph.Graph Body => new TestGraph()
        .Input("i", DataType.Int64).Input("cond_in", DataType.Bool).Input("h", 1, 4)
        .Node("MatMul", ["h", "w"], ["h2"]).Node("Relu", ["h2"], ["s"])
        .Build("cond_in", "h2", "s");

    private static TestGraph Outer() => new TestGraph().Input("h0", 1, 4).Weight("w", 4, 4);

    [Fact]
    public void KnownTripCountMultipliesBodyCost()
    {
        var result = Outer().Ints("M", [5], [])
            .Node("Loop", ["M", "", "h0"], ["hN", "scan"], ("body", Body))
            .Analyze();

        Assert.Equal("1x4", result.ShapeOf("hN"));
        Assert.Equal("5x1x4", result.ShapeOf("scan"));
        Assert.Equal(new NodeCost(5 * 16, 5 * 4), result.TotalCost);
        Assert.Empty(result.Node(0).Notes);
    }

    [Fact]
    public void UnknownTripCountCountsBodyOnce()
    {
        var result = Outer().Input("M", DataType.Int64)
            .Node("Loop", ["M", "", "h0"], ["hN", "scan"], ("body", Body))
            .Analyze();

        Assert.Equal("1x4", result.ShapeOf("hN"));
        Assert.Equal("?x1x4", result.ShapeOf("scan"));
        Assert.Equal(new NodeCost(16, 4), result.TotalCost);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("trip count unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingTripCountIsAWhileLoop()
    {
        var result = Outer().Input("c", DataType.Bool)
            .Node("Loop", ["", "c", "h0"], ["hN", "scan"], ("body", Body))
            .Analyze();

        Assert.Equal(new NodeCost(16, 4), result.TotalCost);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("trip count unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void HugeTripCountWithConditionIsAWhileLoopSentinel()
    {
        var result = Outer().Ints("M", [long.MaxValue], []).Input("c", DataType.Bool)
            .Node("Loop", ["M", "c", "h0"], ["hN", "scan"], ("body", Body))
            .Analyze();

        Assert.Equal(new NodeCost(16, 4), result.TotalCost);
        Assert.Equal("?x1x4", result.ShapeOf("scan"));
    }

    [Fact]
    public void ConditionComputedInBodyMakesTripCountAnUpperBound()
    {
        var result = Outer().Ints("M", [3], []).Input("c", DataType.Bool)
            .Node("Loop", ["M", "c", "h0"], ["hN"], ("body", Body))
            .Analyze();

        Assert.Equal(new NodeCost(48, 12), result.TotalCost);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("upper bound", StringComparison.Ordinal));
    }

    [Fact]
    public void FalseInitialConditionRunsNoIteration()
    {
        var result = Outer().Ints("M", [3], []).Ints("c", [0], [])
            .Node("Loop", ["M", "c", "h0"], ["hN", "scan"], ("body", Body))
            .Analyze();

        Assert.Equal(NodeCost.Zero, result.TotalCost);
        Assert.Equal("1x4", result.ShapeOf("hN"));
        Assert.Equal("0x1x4", result.ShapeOf("scan"));
    }

    [Fact]
    public void CarriedValueThatChangesShapeIsMergedAndNoted()
    {
        // h [1,4] + b [3,4] -> [3,4]: the carried value grows after the first iteration.
        var body = new TestGraph().Input("i", DataType.Int64).Input("cond_in", DataType.Bool).Input("h", 1, 4)
            .Node("Add", ["h", "b"], ["h2"]).Build("cond_in", "h2");
        var result = Outer().Weight("b", 3, 4).Ints("M", [2], [])
            .Node("Loop", ["M", "", "h0"], ["hN"], ("body", body))
            .Analyze();

        Assert.Equal("?x4", result.ShapeOf("hN"));
        Assert.Equal(new NodeCost(0, 24), result.TotalCost);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("changes shape", StringComparison.Ordinal));
    }

    [Fact]
    public void BodyInputsMustMatchCarriedValues()
    {
        var graph = Outer().Ints("M", [2], [])
            .Node("Loop", ["M", ""], ["hN"], ("body", Body));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
