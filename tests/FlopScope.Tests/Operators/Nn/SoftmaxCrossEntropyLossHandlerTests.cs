using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class SoftmaxCrossEntropyLossHandlerTests
{
    [Fact]
    public void LogSoftmaxPlusNegativeLogLikelihood()
    {
        // LogSoftmax 5 x 15 + 3 logs; NLL mean 2 x 3 + 1.
        var result = new TestGraph().Opset(13).Input("x", 3, 5).Input("t", DataType.Int64, 3)
            .Node("SoftmaxCrossEntropyLoss", ["x", "t"], ["loss", "log_prob"])
            .Analyze();

        Assert.Equal("scalar", result.ShapeOf("loss"));
        Assert.Equal("3x5", result.ShapeOf("log_prob"));
        Assert.Equal(75L + 3 + 7, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void NoReductionKeepsTheLabelShape()
    {
        var result = new TestGraph().Opset(13).Input("x", 2, 4, 3, 3).Input("t", DataType.Int64, 2, 3, 3)
            .Node("SoftmaxCrossEntropyLoss", ["x", "t"], ["loss"], ("reduction", "none"))
            .Analyze();

        Assert.Equal("2x3x3", result.ShapeOf("loss"));
        Assert.Equal((5L * 72) + 18 + 18, result.TotalCost.OtherFlops);
    }
}
