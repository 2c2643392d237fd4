using System.Globalization;
using FlopScope.Hardware;

namespace FlopScope.Reporting;

/// <summary>The column set of the device catalogue table.</summary>
public static class DeviceTables
{
    /// <summary>Columns: id, name, kind, dense peaks per precision, bandwidth, memory, power.</summary>
    public static IReadOnlyList<Column<DeviceProfile>> Devices() =>
    [
        new("Id", "id", d => d.Id, d => d.Id, Numeric: false),
        new("Name", "name", d => d.Name, d => d.Name, Numeric: false, Priority: 2, Fit: ColumnFit.Wrap),
        new("Kind", "kind", d => d.Kind, d => d.Kind, Numeric: false, Priority: 3),
        Peak("FP32 TFLOP/s", "fp32_tflops", "fp32"),
        Peak("FP16 TFLOP/s", "fp16_tflops", "fp16", "bf16"),
        Peak("INT8 TOPS", "int8_tops", "int8") with { Priority = 1 },
        new("GB/s", "bandwidth_gbs", d => Number(d.MemoryBandwidthGBs), d => Number(d.MemoryBandwidthGBs)),
        new("Memory GB", "memory_gb", d => d.MemoryGB is { } m ? Number(m) : string.Empty, d => d.MemoryGB is { } m ? Number(m) : "-", Priority: 1),
        new("Power W", "power_w", d => d.PowerW is { } w ? Number(w) : string.Empty, d => d.PowerW is { } w ? Number(w) : "-", Priority: 2),
    ];

    private static Column<DeviceProfile> Peak(string header, string key, params string[] precisions) =>
        new(header, key, d => PeakOf(d, precisions) is { } t ? Number(t) : string.Empty, d => PeakOf(d, precisions) is { } t ? Number(t) : "-");

    private static double? PeakOf(DeviceProfile d, string[] keys) =>
        keys.Select(k => d.PeakTflops.TryGetValue(k, out var v) ? v : (double?)null).FirstOrDefault(v => v is not null);

    private static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
