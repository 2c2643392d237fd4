using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Profiling;

/// <summary>The ten real model graphs against the independent figures of reference.json (PyTorch FlopCounterMode,
/// torchvision, the exported initializers).</summary>
public sealed class FixtureModelTests
{
    public static TheoryData<string> Models => new(Fixtures.ModelNames);

    [Theory]
    [MemberData(nameof(Models))]
    public void MacsEqualTheExactCountOfTheExportedGraph(string name)
    {
        var reference = Fixtures.ReferenceOf(name);
        var report = ModelCache.Fixture(name).Profile(new ProfileOptions { InputShapes = Fixtures.InputsOf(name) });

        Assert.Empty(report.Summary.Unsupported);
        Assert.Empty(report.Summary.Unresolved);
        Assert.Equal(reference.GetProperty("onnx_macs").GetInt64(), report.Summary.Macs);
        if (!reference.TryGetProperty("onnx_macs_note", out _))
        {
            // No anomaly: FlopCounterMode's total is exactly 2 x MACs.
            // (Ultralytics exports are fused Conv+BN: their FlopCounterMode total is of the fused model.)
            var total = reference.TryGetProperty("flopcounter_total", out var t) ? t : reference.GetProperty("flopcounter_total_fused");
            Assert.Equal(total.GetInt64(), report.Summary.Flops);
        }
    }

    [Fact]
    public void VitMatchesTorchvisionGmacsWithinATenthOfAPercent()
    {
        var report = ModelCache.Fixture("vit_b_16").Profile(convention: CountingConvention.Torchvision);
        var torchvision = Fixtures.ReferenceOf("vit_b_16").GetProperty("torchvision_meta").GetProperty("_ops").GetDouble();

        Assert.InRange(report.Summary.GMacs / torchvision, 0.999, 1.001);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ParametersEqualTheStoredElements(string name)
    {
        var reference = Fixtures.ReferenceOf(name);
        var report = ModelCache.Fixture(name).Profile(new ProfileOptions { InputShapes = Fixtures.InputsOf(name) });

        Assert.Equal(reference.GetProperty("onnx_initializer_elements").GetInt64(), report.Summary.Parameters.Total);
        Assert.Equal(report.Summary.Parameters.Total, report.Summary.Parameters.Trainable);
        Assert.Equal(4 * report.Summary.Parameters.Total, report.Summary.Parameters.BytesByType["fp32"]);
    }

    [Fact]
    public void OpHistogramMatchesTheReference()
    {
        foreach (var name in Fixtures.ModelNames)
        {
            var expected = Fixtures.ReferenceOf(name).GetProperty("onnx_ops").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            var report = ModelCache.Fixture(name).Profile(new ProfileOptions { InputShapes = Fixtures.InputsOf(name) });

            Assert.Equal(expected.OrderBy(p => p.Key), report.ByOp.ToDictionary(o => o.Op, o => o.Count).OrderBy(p => p.Key));
        }
    }
}
