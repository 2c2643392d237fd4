using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class RandomHandlerTests
{
    [Fact]
    public void RandomNormalShapeFromAttribute()
    {
        var result = new TestGraph().Node("RandomNormal", [], ["y"], ("shape", new[] { 2, 3 })).Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(DataType.Float, result.Value("y").DataType);
        Assert.Equal(12, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void RandomUniformDtype()
    {
        var result = new TestGraph().Node("RandomUniform", [], ["y"], ("shape", new[] { 4 }), ("dtype", (int)DataType.Double)).Analyze();

        Assert.Equal(DataType.Double, result.Value("y").DataType);
        Assert.Equal(8, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void LikeTakesInputShapeAndType()
    {
        var result = new TestGraph().Input("x", DataType.Float16, 3, 5)
            .Node("RandomUniformLike", ["x"], ["a"])
            .Node("RandomNormalLike", ["x"], ["b"], ("dtype", (int)DataType.Float))
            .Analyze();

        Assert.Equal("3x5", result.ShapeOf("a"));
        Assert.Equal(DataType.Float16, result.Value("a").DataType);
        Assert.Equal(DataType.Float, result.Value("b").DataType);
        Assert.Equal(60, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void BernoulliOneComparisonPerElement()
    {
        var result = new TestGraph().Input("p", 4, 4).Node("Bernoulli", ["p"], ["y"]).Analyze();

        Assert.Equal("4x4", result.ShapeOf("y"));
        Assert.Equal(16, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void MultinomialSamples()
    {
        var result = new TestGraph().Input("logp", 2, 10).Node("Multinomial", ["logp"], ["y"], ("sample_size", 5)).Analyze();

        Assert.Equal("2x5", result.ShapeOf("y"));
        Assert.Equal(DataType.Int32, result.Value("y").DataType);
        Assert.Equal(100, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void RandomNormalWithoutShapeIsAnError()
    {
        var graph = new TestGraph().Node("RandomNormal", [], ["y"]);

        Assert.Throws<ShapeException>(() => graph.Analyze());
    }
}
