using FlopScope.Hardware;

namespace FlopScope.Tests.Support;

/// <summary>Toy devices with round figures for tests that compute their answers by hand; tests add what they need
/// (a cache, a runtime section, an NCHWc block) with <c>with</c>.</summary>
internal static class ToyDevices
{
    /// <summary>A CPU with an fp32 peak of <paramref name="fp32Tflops"/>, <paramref name="bandwidthGBs"/> GB/s,
    /// device efficiencies 1 and <paramref name="parallelUnits"/> cores (null: not given).</summary>
    public static DeviceProfile Cpu(double fp32Tflops = 1, double bandwidthGBs = 100, int? parallelUnits = null) => new()
    {
        Id = "toy-cpu", Name = "Toy CPU", Kind = "cpu", PeakTflops = new Dictionary<string, double> { ["fp32"] = fp32Tflops },
        MemoryBandwidthGBs = bandwidthGBs, ComputeEfficiency = 1, MemoryEfficiency = 1, ParallelUnits = parallelUnits,
    };
}
