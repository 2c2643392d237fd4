using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Linear;

public sealed class RecurrentHandlerTests
{
    [Fact]
    public void BidirectionalLstmCountsGateMatmulsAndCellArithmetic()
    {
        // seq 5, batch 3, input 10, hidden 20, two directions, with bias.
        var result = new TestGraph().Input("x", 5, 3, 10).Weight("w", 2, 80, 10).Weight("r", 2, 80, 20).Weight("b", 2, 160)
            .Node("LSTM", ["x", "w", "r", "b"], ["y", "y_h", "y_c"], ("hidden_size", 20), ("direction", "bidirectional"))
            .Analyze();

        Assert.Equal("5x2x3x20", result.ShapeOf("y"));
        Assert.Equal("2x3x20", result.ShapeOf("y_h"));
        Assert.Equal("2x3x20", result.ShapeOf("y_c"));
        Assert.Equal(5L * 3 * 2 * 4 * 20 * (10 + 20), result.TotalCost.Macs); // 72,000
        // Per unit: 4 product adds + 8 bias adds + 3 sigmoids (9) + 2 tanh + 4 state update = 27; 5*3*2*20 = 600 units.
        Assert.Equal(600L * 27, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LstmPeepholesAddSixFlopsPerUnit()
    {
        var result = new TestGraph().Input("x", 2, 1, 3).Weight("w", 1, 16, 3).Weight("r", 1, 16, 4).Weight("p", 1, 12)
            .Node("LSTM", ["x", "w", "r", "", "", "", "", "p"], ["y"])
            .Analyze();

        Assert.Equal("2x1x1x4", result.ShapeOf("y"));
        Assert.Equal(2L * 1 * 4 * 4 * 7, result.TotalCost.Macs);
        Assert.Equal(8L * (4 + 6 + 9 + 1 + 1 + 4), result.TotalCost.OtherFlops);
    }

    [Fact]
    public void GruBatchFirstLayoutWithoutBias()
    {
        // layout 1: X is [batch 2, seq 4, input 8]; hidden size from R.
        var result = new TestGraph().Opset(14).Input("x", 2, 4, 8).Weight("w", 1, 48, 8).Weight("r", 1, 48, 16)
            .Node("GRU", ["x", "w", "r"], ["y", "y_h"], ("layout", 1))
            .Analyze();

        Assert.Equal("2x4x1x16", result.ShapeOf("y"));
        Assert.Equal("2x1x16", result.ShapeOf("y_h"));
        Assert.Equal(4L * 2 * 3 * 16 * (8 + 16), result.TotalCost.Macs); // 9,216
        // Per unit: 3 product adds + r x state 1 + 2 sigmoids (6) + tanh 1 + update 4 = 15; 4*2*16 = 128 units.
        Assert.Equal(128L * 15, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void RnnWithReluClipAndBias()
    {
        var result = new TestGraph().Input("x", 3, 1, 4).Weight("w", 1, 5, 4).Weight("r", 1, 5, 5).Weight("b", 1, 10)
            .Node("RNN", ["x", "w", "r", "b"], ["", "y_h"], ("hidden_size", 5), ("activations", new AttributeValue { Kind = AttributeKind.Strings, Strings = ["Relu"] }), ("clip", 3.0f))
            .Analyze();

        Assert.Equal("1x1x5", result.ShapeOf("y_h"));
        Assert.Equal(3L * 5 * (4 + 5), result.TotalCost.Macs);
        // Per unit: product add 1 + bias 2 + relu 1 + clip 2 = 6; 15 units.
        Assert.Equal(15L * 6, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void ReverseRnnDefaultsToTanh()
    {
        var result = new TestGraph().Input("x", 7, 2, 3).Weight("w", 1, 4, 3).Weight("r", 1, 4, 4)
            .Node("RNN", ["x", "w", "r"], ["y"], ("direction", "reverse"))
            .Analyze();

        Assert.Equal("7x1x2x4", result.ShapeOf("y"));
        Assert.Equal(7L * 2 * 4 * 7, result.TotalCost.Macs);
        Assert.Equal(7L * 2 * 4 * 2, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LayoutIsIgnoredBeforeOpset14()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 4, 8).Weight("w", 1, 48, 8).Weight("r", 1, 48, 16)
            .Node("GRU", ["x", "w", "r"], ["y"], ("layout", 1))
            .Analyze();

        Assert.Equal("2x1x4x16", result.ShapeOf("y"));
    }

    [Fact]
    public void SequenceLensAreNoted()
    {
        var result = new TestGraph().Input("x", 3, 2, 4).Weight("w", 1, 5, 4).Weight("r", 1, 5, 5).Input("lens", DataType.Int32, 2)
            .Node("RNN", ["x", "w", "r", "", "lens"], ["y"])
            .Analyze();

        Assert.Contains(result.Node(0).Notes, n => n.Contains("sequence_lens", StringComparison.Ordinal));
    }

    [Fact]
    public void DirectionCountMustMatchWeights()
    {
        var graph = new TestGraph().Input("x", 5, 3, 10).Weight("w", 1, 80, 10).Weight("r", 1, 80, 20)
            .Node("LSTM", ["x", "w", "r"], ["y"], ("direction", "bidirectional"));

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("W's direction dimension is 1, expected 2", error.Message);
    }

    [Fact]
    public void GateDimensionMustMatchHiddenSize()
    {
        var graph = new TestGraph().Input("x", 5, 3, 10).Weight("w", 1, 60, 10).Weight("r", 1, 60, 20)
            .Node("LSTM", ["x", "w", "r"], ["y"]);

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("W's gate dimension is 60, expected 80", error.Message);
    }

    [Fact]
    public void UnknownActivationIsAnError()
    {
        var graph = new TestGraph().Input("x", 3, 1, 4).Weight("w", 1, 5, 4).Weight("r", 1, 5, 5)
            .Node("RNN", ["x", "w", "r"], ["y"], ("activations", new AttributeValue { Kind = AttributeKind.Strings, Strings = ["Swish"] }));

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
