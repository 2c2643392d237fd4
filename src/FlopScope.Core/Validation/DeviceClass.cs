using FlopScope.Hardware;

namespace FlopScope.Validation;

/// <summary>The device classes accuracy is reported for. A rule on the catalogue's own fields, so every device,
/// catalogued or user-supplied, falls in exactly one class.</summary>
public static class DeviceClass
{
    /// <summary>Embedded GPUs (Jetson class): a GPU whose board power is at most this many watts.</summary>
    public const double EdgeGpuMaxPowerW = 60;

    /// <summary>Class id of a device: <c>cpu</c>, <c>npu</c>, <c>edge-gpu</c> (GPU of at most 60 W board power,
    /// e.g. Jetson) or <c>gpu</c> (PCIe/SXM GPUs, e.g. T4, L4, A100).</summary>
    public static string Of(DeviceProfile device) => device.Kind switch
    {
        "gpu" when device.PowerW is { } w && w <= EdgeGpuMaxPowerW => "edge-gpu",
        "gpu" => "gpu",
        "npu" => "npu",
        _ => "cpu",
    };

    /// <summary>Words for a class id, for one-line notes.</summary>
    public static string Describe(string classId) => classId switch
    {
        "edge-gpu" => "edge GPUs",
        "gpu" => "discrete/data-centre GPUs",
        "npu" => "NPUs",
        "all" => "all devices",
        _ => "CPUs",
    };
}
