using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class RotaryEmbeddingTests
{
    [Fact]
    public void MicrosoftInputOrderPutsPositionIdsSecond()
    {
        var result = new TestGraph().Input("x", 1, 6, 64).Input("pos", DataType.Int64, 1, 6).Weight("cos", 32, 8).Weight("sin", 32, 8)
            .NodeIn("com.microsoft", "RotaryEmbedding", ["x", "pos", "cos", "sin"], ["y"], ("num_heads", 4))
            .Analyze();

        Assert.Equal("1x6x64", result.ShapeOf("y"));
        Assert.Equal(3L * 6 * 64, result.TotalCost.OtherFlops);
    }
}
