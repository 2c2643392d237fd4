using FlopScope.Errors;
using FlopScope.Hardware;

namespace FlopScope.Tests.Hardware;

public sealed class DeviceCatalogTests
{
    [Fact]
    public void BuiltInCatalogueHasTheReferenceDevicesWithSources()
    {
        var catalog = DeviceCatalog.BuiltIn();

        Assert.True(catalog.Devices.Count >= 28);
        foreach (var id in new[] { "rpi4", "rpi5", "jetson-nano", "orin-nano", "orin-nx", "agx-orin", "coral", "t4", "l4", "a10", "rtx3090", "rtx4090", "a100-80gb", "h100-sxm", "h200", "b200", "mi300x" })
        {
            var device = catalog.Get(id);
            Assert.True(device.Sources.ContainsKey("peak_tflops"), $"{id} lacks a source for its peak");
            Assert.True(device.Sources.ContainsKey("memory_bandwidth_gbs"), $"{id} lacks a source for its bandwidth");
        }

        // Figures as in the reference table (hardware-peaks.md).
        Assert.Equal(989e12, catalog.Get("h100-sxm").PeakFlops(Precision.Fp16));
        Assert.Equal(4800, catalog.Get("h200").MemoryBandwidthGBs);
        Assert.Equal(0.1535e12, catalog.Get("rpi5").PeakFlops(Precision.Fp32), 1);
    }

    [Fact]
    public void MissingPrecisionFallsBackToAWiderOne()
    {
        // The Raspberry Pi 4 lists only FP32.
        var rpi4 = DeviceCatalog.BuiltIn().Get("rpi4");

        Assert.Equal(rpi4.PeakFlops(Precision.Fp32), rpi4.PeakFlops(Precision.Int8));
    }

    [Fact]
    public void UserFileAddsAndOverridesDevicesById()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            {"devices": [
              {"id": "rpi5", "name": "My overclocked Pi", "peak_tflops": {"fp32": 0.2}, "memory_bandwidth_gbs": 20},
              {"id": "lab-box", "name": "Lab box", "peak_tflops": {"fp32": 1}, "memory_bandwidth_gbs": 50, "kernel_overhead_us": 3}
            ]}
            """);
        try
        {
            var catalog = DeviceCatalog.BuiltIn().With(path);

            Assert.Equal("My overclocked Pi", catalog.Get("rpi5").Name);
            Assert.Equal(3, catalog.Get("LAB-BOX").KernelOverheadUs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("{not json", "Malformed device file")]
    [InlineData("""{"devices": [{"id": "x", "name": "x", "peak_tflops": {}, "memory_bandwidth_gbs": 1}]}""", "has no positive peak_tflops")]
    [InlineData("""{"devices": [{"id": "x", "name": "x", "peak_tflops": {"fp32": 1}, "memory_bandwidth_gbs": 0}]}""", "has no positive memory_bandwidth_gbs")]
    [InlineData("""{"devices": [{"id": "x", "name": "x", "peak_tflops": {"fp64": 1}, "memory_bandwidth_gbs": 1}]}""", "other than fp32, tf32, fp16, bf16, int8")]
    [InlineData("""{"devices": [{"id": "x", "name": "x", "peak_tflops": {"fp32": 1}, "memory_bandwidth_gbs": 1, "compute_efficiency": 1.5}]}""", "efficiency outside (0, 1]")]
    [InlineData("""{"devices": [{"id": "x", "name": "x", "peak_tflops": {"fp32": 1}, "memory_bandwidth_gbs": 1, "runtimes": {"ort-cpu": {"memory_overlap": 1.5}}}]}""", "memory_overlap outside 0-1")]
    [InlineData("""{"devices": [{"id": "x", "name": "x", "peak_tflops": {"fp32": 1}, "memory_bandwidth_gbs": 1, "runtimes": {"ort-cpu": {"epilogue_macs": -4}}}]}""", "epilogue_macs outside 0-1e6")]
    public void MalformedFilesAreOneLineErrors(string content, string expected)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, content);
        try
        {
            var error = Assert.Throws<FlopScopeException>(() => DeviceCatalog.BuiltIn().With(path));
            Assert.Contains(expected, error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UnknownDeviceSuggestsCloseIds()
    {
        var error = Assert.Throws<FlopScopeException>(() => DeviceCatalog.BuiltIn().Get("orin"));

        Assert.StartsWith("Unknown device 'orin'. Did you mean:", error.Message);
        Assert.Contains("orin-nano", error.Message);
    }

    [Fact]
    public void CalibratedProfileRoundTrips()
    {
        var device = DeviceCatalog.BuiltIn().Get("t4");
        var path = Path.GetTempFileName();
        File.WriteAllText(path, DeviceCatalog.Serialize(device with { Id = "t4-copy" }));
        try
        {
            var copy = DeviceCatalog.BuiltIn().With(path).Get("t4-copy");
            Assert.Equal(device.MemoryBandwidthGBs, copy.MemoryBandwidthGBs);
            Assert.Equal(device.PeakTflops, copy.PeakTflops);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
