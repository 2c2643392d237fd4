using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Operators.Tensor;

public sealed class ConstantOfShapeHandlerTests
{
    [Fact]
    public void DefaultsToFloatZeros()
    {
        var result = new TestGraph().Ints("s", [2, 3]).Node("ConstantOfShape", ["s"], ["y"]).Analyze();

        Assert.Equal("2x3", result.ShapeOf("y"));
        Assert.Equal(DataType.Float, result.Value("y").DataType);
        Assert.Equal(new double[6], result.Value("y").Value!.Floats);
        Assert.Equal(0, result.TotalCost.OtherFlops);
    }

    [Fact]
    public void Int64ValueAttributeFillsIntegers()
    {
        var one = new TensorDescriptor { Name = "", DataType = DataType.Int64, Dims = [1], Values = TensorValue.FromInts([1]) };
        var result = new TestGraph().Ints("s", [3]).Node("ConstantOfShape", ["s"], ["y"], ("value", one)).Analyze();

        Assert.Equal("3", result.ShapeOf("y"));
        Assert.Equal(DataType.Int64, result.Value("y").DataType);
        Assert.Equal(new long[] { 1, 1, 1 }, result.IntsOf("y"));
    }

    [Fact]
    public void EmptyShapeGivesAScalar()
    {
        var result = new TestGraph().Ints("s", [], [0]).Node("ConstantOfShape", ["s"], ["y"]).Analyze();

        Assert.Equal("scalar", result.ShapeOf("y"));
        Assert.Equal(new double[] { 0 }, result.Value("y").Value!.Floats);
    }

    [Fact]
    public void ZeroDimensionGivesEmptyTensor()
    {
        var result = new TestGraph().Ints("s", [4, 0]).Node("ConstantOfShape", ["s"], ["y"]).Analyze();

        Assert.Equal("4x0", result.ShapeOf("y"));
        Assert.Empty(result.Value("y").Value!.Floats!);
    }

    [Fact]
    public void LargeOutputKeepsShapeWithoutValues()
    {
        var result = new TestGraph().Ints("s", [1, 1024, 1024]).Node("ConstantOfShape", ["s"], ["y"]).Analyze();

        Assert.Equal("1x1024x1024", result.ShapeOf("y"));
        Assert.Null(result.Value("y").Value);
    }

    [Fact]
    public void UnknownShapeValueIsUnresolved()
    {
        var result = new TestGraph().Input("s", DataType.Int64, 2).Node("ConstantOfShape", ["s"], ["y"]).Analyze();

        Assert.Equal(NodeStatus.Unresolved, result.Node(0).Status);
    }
}
