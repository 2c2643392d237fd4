namespace FlopScope.Llm;

/// <summary>
/// Parameters of a decoder by part, counted as the framework stores them (tied embeddings once, every bias and norm
/// weight included), and the parameters one token passes through (routed experts: k of E).
/// </summary>
public sealed record ParameterBreakdown
{
    /// <summary>All stored parameters.</summary>
    public required long Total { get; init; }

    /// <summary>Token and position embedding tables.</summary>
    public required long Embedding { get; init; }

    /// <summary>Output projection when stored separately (0 when tied).</summary>
    public required long Output { get; init; }

    /// <summary>Attention projections and their biases.</summary>
    public required long Attention { get; init; }

    /// <summary>Dense feed-forward projections and their biases.</summary>
    public required long Mlp { get; init; }

    /// <summary>Routed experts, all of them.</summary>
    public required long RoutedExperts { get; init; }

    /// <summary>Shared experts, routers and shared-expert gates.</summary>
    public required long SharedAndRouters { get; init; }

    /// <summary>Norm weights and biases.</summary>
    public required long Norms { get; init; }

    /// <summary>Parameters a token uses: everything but the routed experts, plus k of E of them (embeddings included,
    /// as MoE model cards count "activated" parameters).</summary>
    public required long ActivePerToken { get; init; }

    /// <summary>Counts <paramref name="tensors"/> of an architecture with <paramref name="expertsPerToken"/> routed
    /// experts per token of <paramref name="experts"/>.</summary>
    public static ParameterBreakdown From(IReadOnlyList<LlmTensor> tensors, int experts, int expertsPerToken)
    {
        long Sum(Func<LlmTensor, bool> predicate) => tensors.Where(predicate).Aggregate(0L, (s, t) => checked(s + t.Elements));
        var routed = Sum(t => t.IsRoutedExpert);
        var total = Sum(_ => true);
        return new ParameterBreakdown
        {
            Total = total,
            Embedding = Sum(t => t.IsLookup),
            Output = Sum(t => t.Role == TensorRole.Output),
            Attention = Sum(t => t.Role is TensorRole.AttnQ or TensorRole.AttnK or TensorRole.AttnV or TensorRole.AttnQkv or TensorRole.AttnOutput or TensorRole.AttnLowRank
                || (t.Role == TensorRole.Bias && t.Name.Contains(".attn_", StringComparison.Ordinal))),
            Mlp = Sum(t => t.Role is TensorRole.FfnGate or TensorRole.FfnUp or TensorRole.FfnDown || (t.Role == TensorRole.Bias && t.Name.Contains(".ffn_", StringComparison.Ordinal))),
            RoutedExperts = routed,
            SharedAndRouters = Sum(t => t.Role is TensorRole.Router or TensorRole.SharedGate or TensorRole.SharedUp or TensorRole.SharedDown || t.Name.Contains("exp_probs_b", StringComparison.Ordinal)),
            Norms = Sum(t => t.Role == TensorRole.Norm),
            ActivePerToken = experts > 0 ? checked(total - routed + (routed / experts * expertsPerToken)) : total,
        };
    }
}
