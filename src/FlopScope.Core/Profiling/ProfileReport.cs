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

    /// <summary>Totals per module at <see cref="ModuleDepth"/>, in first-appearance order.</summary>
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

    /// <summary>Input shapes as one string, e.g. <c>1x3x224x224</c> or <c>input_ids=1x128, attention_mask=1x128</c>.</summary>
    public string InputShapeText => Inputs.Count == 1
        ? Inputs[0].Shape.ToString()
        : string.Join(", ", Inputs.Select(i => $"{i.Name}={i.Shape}"));

    /// <summary>The <paramref name="count"/> layers with the most total FLOPs.</summary>
    public IReadOnlyList<LayerProfile> Top(int count) =>
        Layers.OrderByDescending(l => l.TotalFlops).ThenBy(l => l.Index).Take(count).ToArray();
}
