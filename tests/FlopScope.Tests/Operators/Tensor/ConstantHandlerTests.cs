using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ConstantHandlerTests
{
    [Fact]
    public void TensorValueCarriesDescriptorValues()
    {
        var tensor = new TensorDescriptor { Name = "", DataType = DataType.Int64, Dims = [2, 2], Values = TensorValue.FromInts([1, 2, 3, 4]) };
        var result = new TestGraph().Node("Constant", [], ["c"], ("value", tensor)).Analyze();

        Assert.Equal("2x2", result.ShapeOf("c"));
        Assert.Equal(DataType.Int64, result.Value("c").DataType);
        Assert.Equal(new long[] { 1, 2, 3, 4 }, result.IntsOf("c"));
    }

    [Fact]
    public void TensorWithoutLoadedValuesHasShapeOnly()
    {
        var tensor = new TensorDescriptor { Name = "", DataType = DataType.Float, Dims = [64, 3] };
        var result = new TestGraph().Node("Constant", [], ["c"], ("value", tensor)).Analyze();

        Assert.Equal("64x3", result.ShapeOf("c"));
        Assert.Null(result.Value("c").Value);
    }

    [Fact]
    public void ValueIntIsAnInt64Scalar()
    {
        var result = new TestGraph().Node("Constant", [], ["c"], ("value_int", 7L)).Analyze();

        Assert.Equal("scalar", result.ShapeOf("c"));
        Assert.Equal(DataType.Int64, result.Value("c").DataType);
        Assert.Equal(new long[] { 7 }, result.IntsOf("c"));
    }

    [Fact]
    public void ValueIntsIsAnInt64Vector()
    {
        var result = new TestGraph().Node("Constant", [], ["c"], ("value_ints", new long[] { -1, 0, 5 })).Analyze();

        Assert.Equal("3", result.ShapeOf("c"));
        Assert.Equal(new long[] { -1, 0, 5 }, result.IntsOf("c"));
    }

    [Fact]
    public void ValueFloatAndFloats()
    {
        var result = new TestGraph()
            .Node("Constant", [], ["a"], ("value_float", 0.5f))
            .Node("Constant", [], ["b"], ("value_floats", new[] { 1.5f, 2f }))
            .Analyze();

        Assert.Equal("scalar", result.ShapeOf("a"));
        Assert.Equal(DataType.Float, result.Value("a").DataType);
        Assert.Equal(new[] { 0.5 }, result.Value("a").Value!.Floats);
        Assert.Equal("2", result.ShapeOf("b"));
        Assert.Equal(new[] { 1.5, 2.0 }, result.Value("b").Value!.Floats);
    }

    [Fact]
    public void ValueStringIsAStringScalar()
    {
        var result = new TestGraph().Node("Constant", [], ["c"], ("value_string", "hello")).Analyze();

        Assert.Equal("scalar", result.ShapeOf("c"));
        Assert.Equal(DataType.String, result.Value("c").DataType);
    }

    [Fact]
    public void NoValueAttributeIsAnError()
    {
        var graph = new TestGraph().Node("Constant", [], ["c"]);

        var error = Assert.Throws<ShapeException>(() => graph.Analyze());
        Assert.Contains("exactly one value attribute", error.Message);
    }
}
