namespace FlopScope.Hardware;

/// <summary>Estimated inference of one model on one device: an estimate from the roofline model in
/// docs/estimator.md, not a measurement.</summary>
public sealed record DeviceEstimate
{
    /// <summary>The device.</summary>
    public required DeviceProfile Device { get; init; }

    /// <summary>Id of the runtime the figures assume (<c>ort-cpu</c>, <c>tensorrt</c>, ...).</summary>
    public string Runtime { get; init; } = string.Empty;

    /// <summary>Per-kernel estimates in launch order: the kernels the runtime runs, each covering one or more nodes.</summary>
    public IReadOnlyList<Kernels.KernelEstimate> Kernels { get; init; } = [];

    /// <summary>Precision of compute and storage.</summary>
    public required Precision Precision { get; init; }

    /// <summary>Items per inference (the batch size).</summary>
    public required long Batch { get; init; }

    /// <summary>The compute roof: peak FLOP/s at <see cref="Precision"/> x compute efficiency.</summary>
    public double RoofFlopsPerSecond { get; init; }

    /// <summary>The bandwidth roof: memory bandwidth in bytes/s x memory efficiency.</summary>
    public double RoofBytesPerSecond { get; init; }

    /// <summary>Arithmetic intensity (FLOP/byte) where the bandwidth roof meets the compute roof.</summary>
    public double RidgeIntensity => RoofBytesPerSecond > 0 ? RoofFlopsPerSecond / RoofBytesPerSecond : 0;

    /// <summary>Per-node estimates in execution order.</summary>
    public required IReadOnlyList<LayerEstimate> Layers { get; init; }

    /// <summary>Bytes that must be resident: weights + peak activations (training adds gradients, optimizer state
    /// and saved activations).</summary>
    public required long RequiredBytes { get; init; }

    /// <summary>Estimated latency of one inference in seconds.</summary>
    public double LatencySeconds => Layers.Sum(l => l.Seconds);

    /// <summary>Latency in milliseconds.</summary>
    public double LatencyMs => LatencySeconds * 1e3;

    /// <summary>Inferences per second.</summary>
    public double InferencesPerSecond => LatencySeconds > 0 ? 1 / LatencySeconds : double.PositiveInfinity;

    /// <summary>Items per second (batch x inferences per second): the FPS of an image model.</summary>
    public double ItemsPerSecond => Batch * InferencesPerSecond;

    /// <summary>Energy per inference in joules (power x latency), null when the device's power is unknown.</summary>
    public double? EnergyJoules => Device.PowerW is { } w ? w * LatencySeconds : null;

    /// <summary>True/false when the device's memory size is known, null otherwise.</summary>
    public bool? FitsInMemory => Device.MemoryGB is { } gb ? RequiredBytes <= gb * 1e9 : null;

    /// <summary>Nodes per limiting term.</summary>
    public IReadOnlyDictionary<Bound, int> BoundCounts => Layers.Where(l => l.Bound != Bound.None)
        .GroupBy(l => l.Bound).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The term that accounts for most of the latency.</summary>
    public Bound DominantBound => Layers.Where(l => l.Bound != Bound.None).GroupBy(l => l.Bound)
        .OrderByDescending(g => g.Sum(l => l.Seconds)).Select(g => g.Key).FirstOrDefault();

    /// <summary>Nodes whose time is missing (unsupported or unresolved ops).</summary>
    public int MissingNodes => Layers.Count(l => !l.Counted);
}
