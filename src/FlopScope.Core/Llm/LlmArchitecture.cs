namespace FlopScope.Llm;

/// <summary>
/// The hyperparameters of a decoder-only language model that decide its parameters, FLOPs and KV cache: what a
/// Hugging Face <c>config.json</c> or a GGUF header says, normalized across families. Built by the source readers
/// (<see cref="Sources.HuggingFace.HuggingFaceConfig"/>, <c>GgufModel</c>).
/// </summary>
public sealed record LlmArchitecture
{
    /// <summary>Family as the source names it (<c>llama</c>, <c>qwen2</c>, <c>gpt2</c>, ...).</summary>
    public required string Family { get; init; }

    /// <summary>Decoder layers.</summary>
    public required int Layers { get; init; }

    /// <summary>Hidden (model) width.</summary>
    public required long Hidden { get; init; }

    /// <summary>Query heads.</summary>
    public required int Heads { get; init; }

    /// <summary>Key/value heads: equal to <see cref="Heads"/> for multi-head, fewer for grouped-query, 1 for multi-query.</summary>
    public required int KvHeads { get; init; }

    /// <summary>Per-head dimension of queries, keys and values.</summary>
    public required long HeadDim { get; init; }

    /// <summary>Intermediate width of the dense feed-forward.</summary>
    public required long Intermediate { get; init; }

    /// <summary>Vocabulary size (rows of the token embedding and of the output projection).</summary>
    public required long Vocab { get; init; }

    /// <summary>True when the output projection reuses the token embedding (stored once).</summary>
    public required bool TiedEmbeddings { get; init; }

    /// <summary>Learned absolute position embeddings of this many rows (GPT-2), or 0 for rotary/none.</summary>
    public long LearnedPositions { get; init; }

    /// <summary>Longest context the model was trained for, when the source says.</summary>
    public long? MaxContext { get; init; }

    /// <summary>Norm kind (decides weight-only or weight + bias).</summary>
    public NormKind Norm { get; init; } = NormKind.RmsNorm;

    /// <summary>Norms per decoder layer (2 for pre-norm blocks, 1 for Falcon-7B's parallel block, 4 for Gemma-2/3).</summary>
    public int NormsPerLayer { get; init; } = 2;

    /// <summary>True when queries and keys get a per-head norm of <see cref="HeadDim"/> each (Qwen3, Gemma-3).</summary>
    public bool QkNorm { get; init; }

    /// <summary>Biases on the query, key and value projections.</summary>
    public bool QkvBias { get; init; }

    /// <summary>Bias on the attention output projection.</summary>
    public bool OutputBias { get; init; }

    /// <summary>Biases on the feed-forward projections.</summary>
    public bool MlpBias { get; init; }

    /// <summary>Feed-forward shape.</summary>
    public MlpKind Mlp { get; init; } = MlpKind.Gated;

    /// <summary>True when the family stores query, key and value as one fused tensor (GPT-2, GPT-NeoX, Falcon, Phi-3).</summary>
    public bool FusedQkv { get; init; }

    /// <summary>Mixture-of-experts feed-forward, or null for a dense model.</summary>
    public MoeSpec? Moe { get; init; }

    /// <summary>Multi-head latent attention, or null for standard attention.</summary>
    public MlaSpec? Mla { get; init; }

    /// <summary>Sliding attention window in tokens, or null when every layer attends to the whole context.</summary>
    public long? SlidingWindow { get; init; }

    /// <summary>Which layers use <see cref="SlidingWindow"/> (all when null and a window is set).</summary>
    public IReadOnlyList<bool>? SlidingLayers { get; init; }

    /// <summary>Storage type of the weights as the source declares it (<c>bf16</c>, <c>fp16</c>, <c>fp32</c>).</summary>
    public string WeightType { get; init; } = "bf16";

    /// <summary>The window of layer <paramref name="layer"/>, or null when it sees the whole context.</summary>
    public long? WindowOf(int layer) =>
        SlidingWindow is { } w && (SlidingLayers is null || (layer < SlidingLayers.Count && SlidingLayers[layer])) ? w : null;

    /// <summary>True when layer <paramref name="layer"/> is a mixture-of-experts layer.</summary>
    public bool IsMoeLayer(int layer) => Moe is { } m && layer < m.MoeLayers.Count && m.MoeLayers[layer];

    /// <summary>Query/key dimension per head used by attention scores.</summary>
    public long QkHeadDim => Mla is { } m ? m.QkNopeHeadDim + m.QkRopeHeadDim : HeadDim;

    /// <summary>Value dimension per head.</summary>
    public long VHeadDim => Mla?.VHeadDim ?? HeadDim;
}
