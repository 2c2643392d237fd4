using FlopScope.Budgets;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Onnx;

/// <summary>The library API as the README shows it.</summary>
public sealed class OnnxModelTests
{
    [Fact]
    public void ReadmeExampleWorksAsWritten()
    {
        var report = OnnxModel.Load(Fixtures.Model("resnet18")).Profile(imgsz: 224, convention: CountingConvention.Ultralytics);
        Assert.Equal("3.6", report.Summary.GFlops.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1x3x224x224", report.InputShapeText);
        Assert.Equal(5, report.Top(5).Count);

        var options = new ProfileOptions { Dims = new Dictionary<string, long> { ["sequence"] = 128 }, Precision = Precision.Fp16 };
        var bert = OnnxModel.Load(Fixtures.Model("bert_base")).Profile(options);
        var estimate = RooflineEstimator.Estimate(bert, DeviceCatalog.BuiltIn().Get("t4"));
        var verdicts = BudgetChecker.Check(bert, new Budget { MaxGFlops = 25, MaxParameters = 120_000_000 });

        Assert.Equal(11_173_625_856, bert.Summary.Macs);
        Assert.Equal(108_774_912L * 2, bert.Memory.WeightBytes);
        Assert.True(estimate.LatencyMs > 0);
        Assert.All(verdicts, v => Assert.True(v.Passed));
    }

    [Fact]
    public void ImageSizeScalesAConvNetQuadratically()
    {
        // Every conv of resnet18 scales with H x W: at 448 the convolution MACs are 4x those at 224 (the fc layer does
        // not scale: global pooling).
        var at224 = ModelCache.Fixture("resnet18").Profile(imgsz: 224);
        var at448 = ModelCache.Fixture("resnet18").Profile(imgsz: 448);
        const long fc = 512_000;

        Assert.Equal(4 * (at224.Summary.Macs - fc), at448.Summary.Macs - fc);
        Assert.Equal("1x3x448x448", at448.InputShapeText);
    }
}
