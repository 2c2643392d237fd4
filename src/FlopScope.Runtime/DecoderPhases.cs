using System.Text.Json.Serialization;

namespace FlopScope.Runtime;

/// <summary>
/// The phases of an ONNX decoder as <c>flopscope bench --prompt P</c> measures them: the bench document itself times
/// the prefill (P tokens into an empty cache); <see cref="DecodeStep"/> times one decode step (1 token after a cache of
/// <see cref="Context"/> tokens, the cache fed as an input) with per-layer times like any bench; <see cref="Loop"/> is
/// a generation with the <c>present.*</c> outputs fed back as the <c>past_key_values.*</c> inputs.
/// </summary>
public sealed record DecoderPhases
{
    /// <summary>Prompt tokens of the prefill.</summary>
    [JsonPropertyName("prompt")]
    public required long Prompt { get; init; }

    /// <summary>Cached tokens before the timed decode step.</summary>
    [JsonPropertyName("context")]
    public required long Context { get; init; }

    /// <summary>Tokens generated per generation of the loop (the first by the prefill).</summary>
    [JsonPropertyName("generate")]
    public required int Generate { get; init; }

    /// <summary>Bench of one decode step: inputs, latency and (unless layer runs are 0) per-layer and per-kernel times.</summary>
    [JsonPropertyName("decode_step")]
    public required BenchReport DecodeStep { get; init; }

    /// <summary>The generation loop with the cache fed back.</summary>
    [JsonPropertyName("loop")]
    public required DecodeLoop Loop { get; init; }
}

/// <summary>A measured generation: the prefill, then one token at a time with the cache fed back (medians over the
/// timed generations after one warm-up generation).</summary>
public sealed record DecodeLoop
{
    /// <summary>Timed generations.</summary>
    [JsonPropertyName("generations")]
    public required int Generations { get; init; }

    /// <summary>Median prefill time, ms.</summary>
    [JsonPropertyName("prefill_ms")]
    public required double PrefillMs { get; init; }

    /// <summary>Per-token decode times (contexts prompt .. prompt + generate - 2), ms.</summary>
    [JsonPropertyName("decode")]
    public required LatencyStats Decode { get; init; }

    /// <summary>Tokens per second at the median decode step.</summary>
    [JsonPropertyName("decode_tokens_per_s")]
    public double DecodeTokensPerSecond => Decode.MedianMs > 0 ? 1000.0 / Decode.MedianMs : 0;
}
