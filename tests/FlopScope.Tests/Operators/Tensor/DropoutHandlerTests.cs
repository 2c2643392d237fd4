using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class DropoutHandlerTests
{
    [Fact]
    public void OutputAndBoolMask()
    {
        var result = new TestGraph().Input("x", 2, 16).Node("Dropout", ["x"], ["y", "mask"]).Analyze();

        Assert.Equal("2x16", result.ShapeOf("y"));
        Assert.Equal("2x16", result.ShapeOf("mask"));
        Assert.Equal(DataType.Bool, result.Value("mask").DataType);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void MaskHasInputTypeBeforeOpset10()
    {
        var result = new TestGraph().Opset(7).Input("x", 2, 16).Node("Dropout", ["x"], ["y", "mask"]).Analyze();

        Assert.Equal(DataType.Float, result.Value("mask").DataType);
    }

    [Fact]
    public void TrainingModeIsNoted()
    {
        var result = new TestGraph().Opset(13).Input("x", 4).Floats("r", [0.5], []).Ints("t", [1], [])
            .Node("Dropout", ["x", "r", "t"], ["y"])
            .Analyze();

        Assert.Equal("4", result.ShapeOf("y"));
        Assert.Contains(result.Node(0).Notes, n => n.Contains("training_mode", StringComparison.Ordinal));
    }

    [Fact]
    public void ValuesPassThrough()
    {
        var result = new TestGraph().Ints("v", [3, 4]).Node("Dropout", ["v"], ["y"]).Analyze();

        Assert.Equal(new long[] { 3, 4 }, result.IntsOf("y"));
    }
}
