using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class GatherHandlerTests
{
    [Fact]
    public void EmbeddingLookupShape()
    {
        var result = new TestGraph().Weight("table", 30522, 768).Input("ids", DataType.Int64, 2, 128)
            .Node("Gather", ["table", "ids"], ["y"])
            .Analyze();

        Assert.Equal("2x128x768", result.ShapeOf("y"));
        Assert.Equal(NodeCost.Zero, result.TotalCost);
    }

    [Fact]
    public void ScalarIndexDropsTheAxis()
    {
        var result = new TestGraph().Input("x", 4, 5, 6).Ints("i", [2], [])
            .Node("Gather", ["x", "i"], ["y"], ("axis", 1))
            .Analyze();

        Assert.Equal("4x6", result.ShapeOf("y"));
    }

    [Fact]
    public void NegativeAxisAndIndexValues()
    {
        var result = new TestGraph().Input("x", 1, 3, 224, 112).Ints("i", [-1], [])
            .Node("Shape", ["x"], ["s"])
            .Node("Gather", ["s", "i"], ["last"], ("axis", -1))
            .Analyze();

        Assert.Equal("scalar", result.ShapeOf("last"));
        Assert.Equal(new long[] { 112 }, result.IntsOf("last"));
    }

    [Fact]
    public void TwoDimensionalValues()
    {
        // data [[1,2,3],[4,5,6]], gather columns [[2,0]] along axis 1 -> [[[3,1]],[[6,4]]] shape 2x1x2.
        var result = new TestGraph().Ints("d", [1, 2, 3, 4, 5, 6], [2, 3]).Ints("i", [2, 0], [1, 2])
            .Node("Gather", ["d", "i"], ["y"], ("axis", 1))
            .Analyze();

        Assert.Equal("2x1x2", result.ShapeOf("y"));
        Assert.Equal(new long[] { 3, 1, 6, 4 }, result.IntsOf("y"));
    }

    [Fact]
    public void RowGatherOfFloats()
    {
        var result = new TestGraph().Floats("d", [0.5, 1.5, 2.5, 3.5], [2, 2]).Ints("i", [1, 1, 0])
            .Node("Gather", ["d", "i"], ["y"])
            .Analyze();

        Assert.Equal("3x2", result.ShapeOf("y"));
        Assert.Equal(new[] { 2.5, 3.5, 2.5, 3.5, 0.5, 1.5 }, result.Value("y").Value!.Floats);
    }

    [Fact]
    public void OutOfRangeKnownIndexIsAnError()
    {
        var graph = new TestGraph().Input("x", 4, 5).Ints("i", [4]).Node("Gather", ["x", "i"], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }

    [Fact]
    public void StoredDataIsAnEmbeddingAndIndicesAreControl()
    {
        var handler = new FlopScope.Operators.Tensor.GatherHandler();

        Assert.Equal(InputRole.Embedding, ((FlopScope.Operators.IOperatorHandler)handler).GetInputRole(0, null!));
        Assert.Equal(InputRole.Control, ((FlopScope.Operators.IOperatorHandler)handler).GetInputRole(1, null!));
    }
}
