using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.ControlFlow;

public sealed class IfHandlerTests
{
    // then: Relu(x) = 6 FLOPs, shape 2x3; else: MatMul(x, w) = 24 MACs, shape 2x4. Both read x and w from the outer graph.
    private static Graph.Graph ThenBranch => new TestGraph().Node("Relu", ["x"], ["t"]).Build("t");

    private static Graph.Graph ElseBranch => new TestGraph().Node("MatMul", ["x", "w"], ["e"]).Build("e");

    private static TestGraph Outer() => new TestGraph().Input("x", 2, 3).Weight("w", 3, 4);

    [Theory]
    [InlineData(1, "2x3", 0, 6)]
    [InlineData(0, "2x4", 24, 0)]
    public void KnownConditionTakesOneBranch(long cond, string shape, long macs, long flops)
    {
        var result = Outer().Ints("c", [cond], [])
            .Node("If", ["c"], ["y"], ("then_branch", ThenBranch), ("else_branch", ElseBranch))
            .Analyze();

        Assert.Equal(shape, result.ShapeOf("y"));
        Assert.Equal(new NodeCost(macs, flops), result.TotalCost);
        Assert.Equal(NodeStatus.Resolved, result.Node(0).Status);
    }

    [Fact]
    public void UnknownConditionCountsTheCostlierBranchAndMergesShapes()
    {
        var result = Outer().Input("c", DataType.Bool)
            .Node("If", ["c"], ["y"], ("then_branch", ThenBranch), ("else_branch", ElseBranch))
            .Analyze();

        Assert.Equal("2x?", result.ShapeOf("y"));
        Assert.Equal(new NodeCost(24, 0), result.TotalCost); // 48 FLOPs beat Relu's 6
        Assert.Contains(result.Node(0).Notes, n => n.Contains("costlier else branch", StringComparison.Ordinal));
        Assert.Equal(2, result.Node(0).Inner.Count);
    }

    [Fact]
    public void UnknownConditionKeepsShapesBothBranchesAgreeOn()
    {
        var other = new TestGraph().Node("Sigmoid", ["x"], ["s"]).Build("s");
        var result = Outer().Input("c", DataType.Bool)
            .Node("If", ["c"], ["y"], ("then_branch", ThenBranch), ("else_branch", other))
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new NodeCost(0, 18), result.TotalCost); // Sigmoid: 3 FLOPs x 6
        Assert.Contains(result.Node(0).Notes, n => n.Contains("costlier else branch", StringComparison.Ordinal));
    }

    [Fact]
    public void KnownConditionNeverAnalysesTheDeadBranch()
    {
        var invalid = new TestGraph().Node("MatMul", ["x", "x"], ["e"]).Build("e"); // 2x3 x 2x3 is impossible
        var result = Outer().Ints("c", [1], [])
            .Node("If", ["c"], ["y"], ("then_branch", ThenBranch), ("else_branch", invalid))
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Single(result.Node(0).Inner);
    }

    [Fact]
    public void UnknownConditionDropsAnInvalidBranchWithANote()
    {
        var invalid = new TestGraph().Node("MatMul", ["x", "x"], ["e"]).Build("e");
        var result = Outer().Input("c", DataType.Bool)
            .Node("If", ["c"], ["y"], ("then_branch", ThenBranch), ("else_branch", invalid))
            .Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(new NodeCost(0, 6), result.TotalCost);
        Assert.Contains(result.Node(0).Notes, n => n.Contains("else branch is invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void BranchOutputCountMustMatchTheNode()
    {
        var graph = Outer().Ints("c", [1], [])
            .Node("If", ["c"], ["y", "z"], ("then_branch", ThenBranch), ("else_branch", ElseBranch));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void KnownValuesFlowOutOfTheTakenBranch()
    {
        var then = new TestGraph().Ints("k", [7, 8]).Node("Add", ["k", "k"], ["t"]).Build("t");
        var result = Outer().Ints("c", [1], [])
            .Node("If", ["c"], ["y"], ("then_branch", then), ("else_branch", ElseBranch))
            .Analyze();

        Assert.Equal([14L, 16L], result.IntsOf("y"));
    }
}
