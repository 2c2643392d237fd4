using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Profiling;

public sealed class ConventionTests
{
    // Linear 64->64 on 10 tokens (weight-bearing MatMul, 40,960 MACs), then Q x K^T between activations (6,400 MACs).
    private static FlopScope.Graph.Model Attention() => new TestGraph().Input("x", 1, 10, 64).Weight("w", 64, 64).Ints("perm", [0, 2, 1])
        .Node("MatMul", ["x", "w"], ["q"])
        .Node("Transpose", ["q"], ["kt"], ("perm", new[] { 0, 2, 1 }))
        .Node("MatMul", ["q", "kt"], ["scores"])
        .BuildModel("scores");

    [Fact]
    public void DefaultCountsActivationProducts()
    {
        var report = Profiler.Profile(Attention());

        Assert.Equal(40_960 + 6_400, report.Summary.Macs);
        Assert.Equal(2 * (40_960 + 6_400), report.Summary.Flops);
    }

    [Fact]
    public void UltralyticsCountsOnlyWeightBearingOps()
    {
        var report = Profiler.Profile(Attention(), new ProfileOptions { Convention = CountingConvention.Ultralytics });

        Assert.Equal(40_960, report.Summary.Macs);
        Assert.True(report.Layers[0].WeightBearing);
        Assert.False(report.Layers[2].WeightBearing);
        // Total FLOPs do not depend on the convention.
        Assert.Equal(Profiler.Profile(Attention()).Summary.TotalFlops, report.Summary.TotalFlops);
    }

    [Fact]
    public void TorchvisionReportsTheSameMacsAsGmacs()
    {
        var report = ModelCache.Fixture("resnet18").Profile(convention: CountingConvention.Torchvision);

        Assert.Equal(1.814, Math.Round(report.Summary.GMacs, 3));
        Assert.Equal("1.814 GMACs", FlopScope.Reporting.ConventionText.Headline(report.Summary));
    }

    [Fact]
    public void UltralyticsOnAConvNetEqualsDefault()
    {
        // Every MAC of resnet18 is in a weight-bearing Conv or Gemm.
        var ultralytics = ModelCache.Fixture("resnet18").Profile(convention: CountingConvention.Ultralytics);

        Assert.Equal(1_814_073_344, ultralytics.Summary.Macs);
    }
}
