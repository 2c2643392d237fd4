using FlopScope.Errors;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Linear;

public sealed class EinsumHandlerTests
{
    [Fact]
    public void BatchedMatMulCountsProductOfAllIndices()
    {
        var result = new TestGraph().Input("a", 2, 3, 4).Input("b", 2, 4, 5)
            .Node("Einsum", ["a", "b"], ["y"], ("equation", "bij,bjk->bik"))
            .Analyze();

        Assert.Equal("2x3x5", result.ShapeOf("y"));
        Assert.Equal(2L * 3 * 4 * 5, result.TotalCost.Macs);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void EllipsisBroadcastsAndImplicitOutputPutsItFirst()
    {
        // Ellipsis dims [2,1] and [5] broadcast to [2,5]; implicit output "...ik".
        var result = new TestGraph().Input("a", 2, 1, 3, 4).Input("b", 5, 4, 6)
            .Node("Einsum", ["a", "b"], ["y"], ("equation", "...ij,...jk"))
            .Analyze();

        Assert.Equal("2x5x3x6", result.ShapeOf("y"));
        Assert.Equal(2L * 5 * 3 * 4 * 6, result.TotalCost.Macs);
    }

    [Fact]
    public void DiagonalCostsNothing()
    {
        var result = new TestGraph().Input("a", 4, 4).Node("Einsum", ["a"], ["y"], ("equation", "ii->i")).Analyze();

        Assert.Equal("4", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.Macs);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void TraceAndFullSumCountAdds()
    {
        var trace = new TestGraph().Input("a", 4, 4).Node("Einsum", ["a"], ["y"], ("equation", "ii")).Analyze();
        var sum = new TestGraph().Input("a", 3, 4).Node("Einsum", ["a"], ["y"], ("equation", "ij->")).Analyze();

        Assert.Equal("scalar", trace.ShapeOf("y"));
        Assert.Equal(3, trace.TotalCost.OtherFlops);
        Assert.Equal("scalar", sum.ShapeOf("y"));
        Assert.Equal(11, sum.TotalCost.OtherFlops);
    }

    [Fact]
    public void ImplicitOutputSortsSingleIndices()
    {
        // "ba": implicit output "ab" is a transpose.
        var result = new TestGraph().Input("a", 3, 7).Node("Einsum", ["a"], ["y"], ("equation", "ba")).Analyze();

        Assert.Equal("7x3", result.ShapeOf("y"));
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ProductWithoutSummationCountsFlops()
    {
        var elementwise = new TestGraph().Input("a", 3, 4).Input("b", 3, 4)
            .Node("Einsum", ["a", "b"], ["y"], ("equation", "ij,ij->ij")).Analyze();
        var outer = new TestGraph().Input("a", 3).Input("b", 5)
            .Node("Einsum", ["a", "b"], ["y"], ("equation", "i,j")).Analyze();

        Assert.Equal("3x4", elementwise.ShapeOf("y"));
        Assert.Equal(new FlopScope.Inference.NodeCost(0, 12), elementwise.TotalCost);
        Assert.Equal("3x5", outer.ShapeOf("y"));
        Assert.Equal(new FlopScope.Inference.NodeCost(0, 15), outer.TotalCost);
    }

    [Fact]
    public void ThreeOperandsContractPairwiseLeftToRight()
    {
        // (ij,jk -> ik): 2*3*4 MACs; (ik,kl -> il): 2*4*5 MACs.
        var result = new TestGraph().Input("a", 2, 3).Input("b", 3, 4).Input("c", 4, 5)
            .Node("Einsum", ["a", "b", "c"], ["y"], ("equation", "ij,jk,kl->il"))
            .Analyze();

        Assert.Equal("2x5", result.ShapeOf("y"));
        Assert.Equal(24 + 40, result.TotalCost.Macs);
    }

    [Fact]
    public void SpacesAndUppercaseIndicesAreAccepted()
    {
        var result = new TestGraph().Input("a", 2, 3).Input("b", 3, 4)
            .Node("Einsum", ["a", "b"], ["y"], ("equation", "Ij, jK -> KI"))
            .Analyze();

        Assert.Equal("4x2", result.ShapeOf("y"));
        Assert.Equal(24, result.TotalCost.Macs);
    }

    [Fact]
    public void MismatchedIndexSizesAreAnError()
    {
        var graph = new TestGraph().Input("a", 2, 3).Input("b", 4, 5).Node("Einsum", ["a", "b"], ["y"], ("equation", "ij,jk->ik"));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("index 'j' has sizes 3 and 4", error.Message);
    }

    [Fact]
    public void TermRankMustMatchInput()
    {
        var graph = new TestGraph().Input("a", 2, 3, 4).Node("Einsum", ["a"], ["y"], ("equation", "ij->i"));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void OperandCountMustMatchInputs()
    {
        var graph = new TestGraph().Input("a", 2, 3).Node("Einsum", ["a"], ["y"], ("equation", "ij,jk->ik"));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
