namespace FlopScope.Llm;

/// <summary>Multi-head latent attention (DeepSeek-V2/V3): queries and keys/values pass through low-rank projections and
/// the cache holds the compressed latent plus the shared rotary key.</summary>
public sealed record MlaSpec
{
    /// <summary>Rank of the query projection, or 0 for a direct hidden -> heads x qk_head_dim projection.</summary>
    public required long QLoraRank { get; init; }

    /// <summary>Rank of the compressed key/value latent (what the cache stores per layer and token).</summary>
    public required long KvLoraRank { get; init; }

    /// <summary>Per-head query/key dimension without rotary embedding.</summary>
    public required long QkNopeHeadDim { get; init; }

    /// <summary>Per-head rotary query/key dimension (the rotary key is shared by all heads and cached).</summary>
    public required long QkRopeHeadDim { get; init; }

    /// <summary>Per-head value dimension.</summary>
    public required long VHeadDim { get; init; }
}
