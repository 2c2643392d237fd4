using FlopScope.Llm.Quantization;

namespace FlopScope.Llm;

/// <summary>
/// A decoder ready to estimate, whatever it was read from: its architecture (for FLOPs and the KV cache), its weight
/// tensors and their stored bytes (from a quantisation rule, or exact from a file's tensor table), and notes on the
/// source (what was exact, what differed).
/// </summary>
public sealed record LlmModel
{
    /// <summary>Display name (the file or folder).</summary>
    public required string Name { get; init; }

    /// <summary>What it was read from: <c>config.json</c>, <c>gguf</c>, <c>onnx</c>.</summary>
    public required string SourceKind { get; init; }

    /// <summary>Hyperparameters.</summary>
    public required LlmArchitecture Architecture { get; init; }

    /// <summary>Weight tensors implied by <see cref="Architecture"/> (what FLOPs are counted from).</summary>
    public required IReadOnlyList<LlmTensor> Tensors { get; init; }

    /// <summary>Stored weights.</summary>
    public required WeightFootprint Weights { get; init; }

    /// <summary>Parameters by part (from <see cref="Tensors"/>).</summary>
    public ParameterBreakdown Parameters => ParameterBreakdown.From(Tensors, Architecture.Moe?.Experts ?? 0, Architecture.Moe?.ExpertsPerToken ?? 0);

    /// <summary>Source notes: exact counts read from files, differences from the architecture-derived figures.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A model from an architecture with weights stored as <paramref name="scheme"/> says.</summary>
    public static LlmModel FromArchitecture(string name, string sourceKind, LlmArchitecture architecture, QuantScheme scheme)
    {
        var tensors = LlmTensors.Enumerate(architecture);
        return new LlmModel { Name = name, SourceKind = sourceKind, Architecture = architecture, Tensors = tensors, Weights = scheme.Apply(architecture, tensors) };
    }
}
