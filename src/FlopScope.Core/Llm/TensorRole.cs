namespace FlopScope.Llm;

/// <summary>What a weight tensor of a decoder does: decides its FLOPs, its traffic per phase and its quantisation.</summary>
public enum TensorRole
{
    /// <summary>Token embedding table (a lookup: one row read per token).</summary>
    TokenEmbedding,

    /// <summary>Learned absolute position embedding table (a lookup).</summary>
    PositionEmbedding,

    /// <summary>Output projection to the vocabulary (lm_head).</summary>
    Output,

    /// <summary>A norm's weight or bias.</summary>
    Norm,

    /// <summary>A projection's bias.</summary>
    Bias,

    /// <summary>Query projection.</summary>
    AttnQ,

    /// <summary>Key projection.</summary>
    AttnK,

    /// <summary>Value projection.</summary>
    AttnV,

    /// <summary>Fused query/key/value projection.</summary>
    AttnQkv,

    /// <summary>Attention output projection.</summary>
    AttnOutput,

    /// <summary>Low-rank projections of multi-head latent attention.</summary>
    AttnLowRank,

    /// <summary>Dense feed-forward gate projection.</summary>
    FfnGate,

    /// <summary>Dense feed-forward up projection.</summary>
    FfnUp,

    /// <summary>Dense feed-forward down projection.</summary>
    FfnDown,

    /// <summary>MoE router (hidden -> experts) and the shared-expert gate.</summary>
    Router,

    /// <summary>Routed experts' gate projections, stacked.</summary>
    ExpertGate,

    /// <summary>Routed experts' up projections, stacked.</summary>
    ExpertUp,

    /// <summary>Routed experts' down projections, stacked.</summary>
    ExpertDown,

    /// <summary>Shared experts' gate projection.</summary>
    SharedGate,

    /// <summary>Shared experts' up projection.</summary>
    SharedUp,

    /// <summary>Shared experts' down projection.</summary>
    SharedDown,
}
