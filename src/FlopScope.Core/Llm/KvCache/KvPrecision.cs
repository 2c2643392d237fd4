using FlopScope.Errors;
using FlopScope.Llm.Quantization;

namespace FlopScope.Llm.KvCache;

/// <summary>Storage of the key/value cache: <c>fp16</c> (default), <c>bf16</c>, <c>fp32</c>, <c>fp8</c>, <c>int8</c>
/// (one byte an element, scales negligible) or <c>q4</c> (llama.cpp's q4_0 cache: 18 bytes per 32 elements).</summary>
public static class KvPrecision
{
    /// <summary>The names accepted by <see cref="Parse"/>.</summary>
    public const string Names = "fp16, bf16, fp32, fp8, int8, q8_0, q4";

    /// <summary>The format called <paramref name="name"/>.</summary>
    public static StorageFormat Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "fp16" or "f16" => StorageFormat.F16,
        "bf16" => StorageFormat.Bf16,
        "fp32" or "f32" => StorageFormat.F32,
        "fp8" => StorageFormat.Fp8,
        "int8" => StorageFormat.Int8,
        "q8_0" => GgmlTypes.FromName("q8_0")!,
        "q4" or "q4_0" => GgmlTypes.FromName("q4_0")!,
        _ => throw new FlopScopeException($"Unknown KV cache precision '{name}'; use {Names}."),
    };
}
