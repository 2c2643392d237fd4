using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Onnx.Loading;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Onnx.Loading;

public sealed class TensorFileTests
{
    private static string Case(string folder, string name, int output = 0) =>
        Path.Combine(Fixtures.Root, "onnx-backend-tests", folder, name, "test_data_set_0", $"output_{output}.pb");

    [Fact]
    public void ReadsTypeAndDimsOfATestDataTensor()
    {
        var tensor = TensorFile.Read(Case("pytorch-converted", "test_Conv2d"));

        Assert.Equal(DataType.Float, tensor.DataType);
        Assert.Equal(4, tensor.Dims.Length);
        Assert.False(tensor.IsExternal);
    }

    [Fact]
    public void ReadsLightModelOutputs()
    {
        var tensor = TensorFile.Read(Path.Combine(Fixtures.Root, "onnx-backend-tests", "light", "light_bvlc_alexnet_output_0.pb"));

        Assert.Equal(new long[] { 1, 1000 }, tensor.Dims);
    }

    [Fact]
    public void MissingFileIsAnInvalidModel()
    {
        var e = Assert.Throws<InvalidModelException>(() => TensorFile.Read("no/such/output_0.pb"));

        Assert.Equal("File not found: 'no/such/output_0.pb'.", e.Message);
    }
}
