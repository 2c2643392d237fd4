using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Nn;

public sealed class WindowHandlerTests
{
    [Theory]
    [InlineData("HannWindow", 40)]
    [InlineData("HammingWindow", 40)]
    [InlineData("BlackmanWindow", 70)]
    public void WindowOfTheGivenLength(string op, long flops)
    {
        var result = new TestGraph().Ints("n", [10], []).Node(op, ["n"], ["w"]).Analyze();

        Assert.Equal("10", result.ShapeOf("w"));
        Assert.Equal(flops, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void MelWeightMatrixHasHalfTheDftPlusOneRows()
    {
        var result = new TestGraph().Ints("bins", [8], []).Ints("dft", [16], []).Ints("rate", [16000], [])
            .Floats("lo", [0], []).Floats("hi", [8000], [])
            .Node("MelWeightMatrix", ["bins", "dft", "rate", "lo", "hi"], ["m"]).Analyze();

        Assert.Equal("9x8", result.ShapeOf("m"));
        Assert.Equal(4 * 72, result.TotalCost.OtherFlops);
    }
}
