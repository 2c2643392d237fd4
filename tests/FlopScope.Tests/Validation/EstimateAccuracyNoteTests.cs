using FlopScope.Hardware;
using FlopScope.Tests.Support;
using FlopScope.Validation;

namespace FlopScope.Tests.Validation;

public sealed class EstimateAccuracyNoteTests
{
    [Fact]
    public void EstimatePrintsThePublishedTableAccuracyOfEachDeviceClassAndRuntime()
    {
        var model = Path.Combine(Fixtures.Root, "published", "yolo11n.onnx.gz");
        var result = CliRunner.Run("estimate", model, "--device", "orin-nano-super,rpi5,coral");
        var stdout = string.Join(' ', result.Stdout.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        var catalog = DeviceCatalog.BuiltIn();

        Assert.Equal(0, result.ExitCode);
        // Edge GPU under its usual runtime (TensorRT) and the Pi under ONNX Runtime CPU have published rows ...
        Assert.Contains(PublishedAccuracy.For(catalog.Get("orin-nano-super"), "tensorrt")!.Note, stdout, StringComparison.Ordinal);
        Assert.Contains(PublishedAccuracy.For(catalog.Get("rpi5"), "ort-cpu")!.Note, stdout, StringComparison.Ordinal);
        // ... the Coral has none, and says so.
        Assert.Contains("published-table accuracy for NPUs + tflite: no published measurement to check against", stdout, StringComparison.Ordinal);
    }
}
