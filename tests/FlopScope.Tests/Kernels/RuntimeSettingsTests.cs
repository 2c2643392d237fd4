using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>Finding and replacing a device's section for one runtime.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void SectionsAreFoundWithoutCaseAndAChangeKeepsEverythingElse()
    {
        var device = ToyDevices.Cpu() with
        {
            Runtimes = new Dictionary<string, RuntimeSettings>
            {
                ["ORT-CPU"] = new() { KernelOverheadUs = 2, CallReorders = false },
                ["torch-eager"] = new() { KernelOverheadUs = 9 },
            },
        };

        Assert.Equal(2, RuntimeSettings.Of(device, "ort-cpu")?.KernelOverheadUs);
        Assert.Null(RuntimeSettings.Of(device, "tensorrt"));

        var changed = RuntimeSettings.Change(device, "ort-cpu", s => s with { MemoryOverlap = 0.5 });
        var section = RuntimeSettings.Of(changed, "ort-cpu")!;
        Assert.Equal(0.5, section.MemoryOverlap);
        Assert.Equal(2, section.KernelOverheadUs);
        Assert.False(section.CallReorders);
        Assert.Equal(9, RuntimeSettings.Of(changed, "torch-eager")?.KernelOverheadUs);
        Assert.Equal(2, changed.Runtimes!.Count);
        // A runtime the device has no section for gets one.
        Assert.Equal(1, RuntimeSettings.Of(RuntimeSettings.Change(device, "tensorrt", s => s with { KernelOverheadUs = 1 }), "tensorrt")?.KernelOverheadUs);
        // The original is untouched.
        Assert.Null(RuntimeSettings.Of(device, "ort-cpu")!.MemoryOverlap);
    }
}
