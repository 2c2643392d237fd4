using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace FlopScope.Tests.Oracle;

/// <summary>
/// Models as ONNX Runtime rewrites them (fused com.microsoft ops: Attention, SkipLayerNormalization, FusedConv, Gelu
/// fusions, ...): the optimizer changes the graph, not the arithmetic, so the MACs of the optimized file equal those
/// of the original and nothing may be left uncounted.
/// </summary>
public sealed class OptimizedModelTests
{
    [Theory]
    [InlineData("bert_base")]
    [InlineData("resnet18")]
    [InlineData("mobilenet_v3_large")]
    public void OnnxRuntimeOptimizedGraphKeepsItsMacs(string name)
    {
        using var folder = new TempFolder();
        var optimized = Path.Combine(folder.Path, name + ".optimized.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = optimized })
        using (new InferenceSession(ModelCache.FixtureBytes(name), options))
        {
        }

        var profileOptions = new ProfileOptions { InputShapes = Fixtures.InputsOf(name) };
        var original = ModelCache.Fixture(name).Profile(profileOptions);
        var report = OnnxModel.Load(optimized).Profile(profileOptions);

        Assert.Empty(report.Summary.Unsupported);
        Assert.Empty(report.Summary.Unresolved);
        Assert.Equal(original.Summary.Macs, report.Summary.Macs);
        Assert.Equal(original.Summary.Parameters.Total, report.Summary.Parameters.Total);
    }
}
