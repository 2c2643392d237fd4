using FlopScope.Errors;
using FlopScope.Llm.Quantization;

namespace FlopScope.Llm.Phases;

/// <summary>How a decoder is run: concurrent sequences and the KV cache's storage. Defaults: batch 1, fp16 cache.</summary>
public sealed record LlmRunOptions
{
    /// <summary>Tokens per prefill chunk: llama.cpp's default micro-batch, and what chunked prefill in serving engines
    /// bounds the activation workspace by. Default 512.</summary>
    public const long PrefillChunk = 512;

    /// <summary>Concurrent sequences: scale FLOPs, activations and the KV cache, not the weight traffic.</summary>
    public long Batch { get; init; } = 1;

    /// <summary>KV cache storage.</summary>
    public StorageFormat KvFormat { get; init; } = StorageFormat.F16;

    /// <summary>Runtime id (<c>ort-cuda</c>, <c>torch-cudagraph</c>...), or null for each device's usual runtime.</summary>
    public string? Runtime { get; init; }

    /// <summary>Throws a one-line error when an option is out of range.</summary>
    public void Validate()
    {
        if (Batch is < 1 or > 1 << 20)
        {
            throw new FlopScopeException($"--batch must be between 1 and {1 << 20}, got {Batch}.");
        }
    }
}
