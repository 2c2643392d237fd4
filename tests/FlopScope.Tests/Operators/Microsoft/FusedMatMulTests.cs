using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Microsoft;

public sealed class FusedMatMulTests
{
    [Fact]
    public void TransposeAndAlphaAreHonoured()
    {
        var result = new TestGraph().Input("a", 2, 4, 3).Weight("b", 5, 4)
            .NodeIn("com.microsoft", "FusedMatMul", ["a", "b"], ["y"], ("transA", 1), ("transB", 1), ("alpha", 0.5f))
            .Analyze();

        Assert.Equal("2x3x5", result.ShapeOf("y"));
        Assert.Equal(2L * 3 * 5 * 4, result.TotalCost.Macs);
        Assert.Equal(30, result.TotalCost.OtherFlops);
    }
}
