using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class SizeHandlerTests
{
    [Fact]
    public void ElementCountAsScalar()
    {
        var result = new TestGraph().Input("x", 2, 3, 5).Node("Size", ["x"], ["n"]).Analyze();

        Assert.Equal("scalar", result.ShapeOf("n"));
        Assert.Equal(DataType.Int64, result.Value("n").DataType);
        Assert.Equal(new long[] { 30 }, result.IntsOf("n"));
    }

    [Fact]
    public void EmptyAndScalarInputs()
    {
        var result = new TestGraph().Input("e", 4, 0).Input("s")
            .Node("Size", ["e"], ["a"]).Node("Size", ["s"], ["b"])
            .Analyze();

        Assert.Equal(new long[] { 0 }, result.IntsOf("a"));
        Assert.Equal(new long[] { 1 }, result.IntsOf("b"));
    }
}
