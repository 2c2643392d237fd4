namespace FlopScope.Profiling;

/// <summary>
/// A complete static profile: summary, the inputs it was computed at, per-layer, per-op-type and per-module tables.
/// Built once by <see cref="Profiler"/>; every exporter only formats it.
/// </summary>
public sealed record ProfileReport
{
    /// <summary>Headline figures.</summary>
    public required ProfileSummary Summary { get; init; }

    /// <summary>Inputs and the shapes used.</summary>
    public required IReadOnlyList<BoundInput> Inputs { get; init; }

    /// <summary>Every node of the main graph in execution order.</summary>
    public required IReadOnlyList<LayerProfile> Layers { get; init; }

    /// <summary>Totals per op type, heaviest first.</summary>
    public required IReadOnlyList<OpTypeProfile> ByOp { get; init; }

    /// <summary>Totals per module at <see cref="ModuleDepth"/>, in graph order (first node as exported, Constants aside).</summary>
    public required IReadOnlyList<ModuleProfile> ByModule { get; init; }

    /// <summary>Depth of <see cref="ByModule"/>.</summary>
    public required int ModuleDepth { get; init; }

    /// <summary>Weights, peak activations and traffic at the report's precision.</summary>
    public required Memory.MemoryProfile Memory { get; init; }

    /// <summary>Opset of the default domain.</summary>
    public required long Opset { get; init; }

    /// <summary>Exporter name and version.</summary>
    public required string Producer { get; init; }

    /// <summary>Names of the main graph's outputs (kernel detection never fuses away a tensor the caller reads).</summary>
    public IReadOnlyList<string> GraphOutputs { get; init; } = [];

    /// <summary>Opset and exporter as one phrase, the exporter left out when the file names none:
    /// <c>opset 17, pytorch 2.11.0</c> or <c>opset 9</c>.</summary>
    public string ProvenanceText => Producer.Length == 0 ? $"opset {Opset}" : $"opset {Opset}, {Producer}";

    /// <summary>Set when the figures were scaled from a static export's stored shape instead of computed at
    /// <see cref="Inputs"/> (<see cref="ProfileOptions.Rescale"/>); null for a direct profile.</summary>
    public ProfileScaling? Scaling { get; init; }

    /// <summary>Input shapes as one string, e.g. <c>1x3x224x224</c> or <c>input_ids=1x128, attention_mask=1x128</c>;
    /// a scaled report says so (<c>1x3x320x320 (scaled x0.25 from 1x3x640x640)</c>), so every output that names the
    /// input names the scaling too.</summary>
    public string InputShapeText => (Inputs.Count == 1
        ? Inputs[0].Shape.ToString()
        : string.Join(", ", Inputs.Select(i => $"{Safety.SafeText.Clean(i.Name)}={i.Shape}")))
        + (Scaling is { } s ? $" (scaled {s.FactorText} from {s.StoredShape})" : string.Empty);

    /// <summary>The <paramref name="count"/> layers with the most total FLOPs.</summary>
    public IReadOnlyList<LayerProfile> Top(int count) =>
        Layers.OrderByDescending(l => l.TotalFlops).ThenBy(l => l.Index).Take(count).ToArray();
}
