using FlopScope.Hardware;
using FlopScope.Validation;

namespace FlopScope.Tests.Validation;

public sealed class AccuracySummaryTests
{
    [Fact]
    public void MedianAndWorstFactorsAreHandComputable()
    {
        // ratios 0.5, 1, 2, 1.5: median ratio (1 + 1.5) / 2 = 1.25; factors 2, 1, 2, 1.5: median (1.5 + 2) / 2 = 1.75.
        var s = AccuracySummary.Of("edge-gpu", "tensorrt", [0.5, 1, 2, 1.5]);

        Assert.Equal(4, s.Rows);
        Assert.Equal(1.25, s.MedianRatio, 12);
        Assert.Equal(1.75, s.MedianFactor, 12);
        Assert.Equal(2, s.WorstFactor, 12);
        Assert.Equal("published-table accuracy for edge GPUs + tensorrt: median 1.75x, worst 2.00x off over 4 rows (estimated/measured median 1.25; docs/estimator.md)", s.Note);
    }

    [Theory]
    [InlineData("gpu", 15.0, "edge-gpu")]
    [InlineData("gpu", 60.0, "edge-gpu")]
    [InlineData("gpu", 70.0, "gpu")]
    [InlineData("gpu", null, "gpu")]
    [InlineData("cpu", 25.0, "cpu")]
    [InlineData("npu", 2.0, "npu")]
    public void DeviceClassFollowsKindAndBoardPower(string kind, double? powerW, string expected)
    {
        var device = new DeviceProfile
        {
            Id = "toy",
            Name = "Toy",
            Kind = kind,
            PeakTflops = new Dictionary<string, double> { ["fp32"] = 1 },
            MemoryBandwidthGBs = 10,
            PowerW = powerW,
        };

        Assert.Equal(expected, DeviceClass.Of(device));
    }

    [Fact]
    public void CatalogueJetsonsAreEdgeGpusAndT4IsNot()
    {
        var catalog = DeviceCatalog.BuiltIn();

        Assert.Equal("edge-gpu", DeviceClass.Of(catalog.Get("orin-nano-super")));
        Assert.Equal("edge-gpu", DeviceClass.Of(catalog.Get("agx-orin")));
        Assert.Equal("gpu", DeviceClass.Of(catalog.Get("t4")));
        Assert.Equal("cpu", DeviceClass.Of(catalog.Get("rpi5")));
    }

    [Fact]
    public void NoteSaysSoWhenTheTableHasNoRowForTheClass()
    {
        var coral = DeviceCatalog.BuiltIn().Get("coral");

        Assert.Equal("published-table accuracy for NPUs + ort-cpu: no published measurement to check against (docs/estimator.md)", PublishedAccuracy.NoteFor(coral, "ort-cpu"));
    }
}
