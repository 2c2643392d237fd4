using FlopScope.Llm.Quantization;

namespace FlopScope.Llm.KvCache;

/// <summary>
/// Size of the key/value cache: per layer and token, 2 (K and V) x KV heads x head dim elements (grouped- and
/// multi-query attention cache only their KV heads); multi-head latent attention caches the compressed latent plus
/// the shared rotary key (kv_lora_rank + qk_rope_head_dim). A layer with a sliding window keeps at most the window.
/// </summary>
public static class KvCacheSize
{
    /// <summary>Cached elements per token in one layer.</summary>
    public static long ElementsPerToken(LlmArchitecture a) =>
        a.Mla is { } m ? checked(m.KvLoraRank + m.QkRopeHeadDim) : checked(2L * a.KvHeads * a.HeadDim);

    /// <summary>Bytes per token of context over all layers, before any window caps.</summary>
    public static double BytesPerToken(LlmArchitecture a, StorageFormat format) =>
        format.BytesExact((double)ElementsPerToken(a) * a.Layers);

    /// <summary>Bytes of the cache holding <paramref name="context"/> tokens for each of <paramref name="batch"/> sequences.</summary>
    public static double Bytes(LlmArchitecture a, StorageFormat format, long context, long batch = 1)
    {
        double tokens = 0;
        for (var i = 0; i < a.Layers; i++)
        {
            tokens += a.WindowOf(i) is { } w ? Math.Min(context, w) : context;
        }

        return format.BytesExact(tokens * ElementsPerToken(a)) * batch;
    }
}
