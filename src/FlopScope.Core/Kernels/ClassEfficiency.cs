using System.Text.Json.Serialization;

namespace FlopScope.Kernels;

/// <summary>Fractions of a device's peak compute and bandwidth one kernel class reaches under one runtime.</summary>
/// <remarks>Setters (not init) so source-generated JSON keeps defaults for omitted members.</remarks>
public sealed record ClassEfficiency
{
    /// <summary>Fraction of peak FLOP/s, (0, 1].</summary>
    [JsonPropertyName("compute_efficiency")]
    public double ComputeEfficiency { get; set; } = 1;

    /// <summary>Fraction of peak memory bandwidth, (0, 1].</summary>
    [JsonPropertyName("memory_efficiency")]
    public double MemoryEfficiency { get; set; } = 1;

    /// <summary>Creates an efficiency pair.</summary>
    public ClassEfficiency()
    {
    }

    /// <summary>Creates an efficiency pair.</summary>
    public ClassEfficiency(double compute, double memory)
    {
        ComputeEfficiency = compute;
        MemoryEfficiency = memory;
    }
}
