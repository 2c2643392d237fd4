namespace FlopScope.Llm;

/// <summary>Mixture-of-experts feed-forward: routed experts (top-k of E per token), optional always-on shared experts.</summary>
public sealed record MoeSpec
{
    /// <summary>Routed experts per MoE layer (E).</summary>
    public required int Experts { get; init; }

    /// <summary>Routed experts each token uses (k).</summary>
    public required int ExpertsPerToken { get; init; }

    /// <summary>Intermediate size of one routed expert.</summary>
    public required long ExpertIntermediate { get; init; }

    /// <summary>Intermediate size of the shared expert block (all shared experts together), 0 when none.</summary>
    public long SharedIntermediate { get; init; }

    /// <summary>True when a sigmoid gate (hidden -> 1) scales the shared expert output (Qwen-MoE).</summary>
    public bool SharedExpertGate { get; init; }

    /// <summary>True when the router carries a per-expert score-correction bias (DeepSeek-V3).</summary>
    public bool RouterBias { get; init; }

    /// <summary>Which layers are MoE: the others use the dense MLP of <see cref="LlmArchitecture.Intermediate"/>.</summary>
    public required IReadOnlyList<bool> MoeLayers { get; init; }
}
