using FlopScope.Errors;

namespace FlopScope.Llm.Quantization;

/// <summary>
/// The storage format of each tensor under a named quantisation, for sources that do not say it (a config.json).
/// Uniform schemes (<c>f32</c>, <c>f16</c>, <c>bf16</c>, <c>fp8</c>, <c>int8</c>, <c>int4</c>) store every projection
/// and embedding at that format, norms and biases at 16 bits. llama.cpp schemes follow llama.cpp's
/// llama_tensor_get_type for the common cases: vectors stay f32; the output projection (or a tied embedding) is Q6_K
/// (Q8_0 under q8_0); Q4_K_M and Q5_K_M give attn_v and ffn_down Q6_K in the first and last eighth of the layers and
/// every third layer between; rows not a multiple of the block size fall back to a 32-block type. A GGUF file's own
/// tensor table is always exact and overrides this.
/// </summary>
public sealed class QuantScheme
{
    private static readonly string[] Uniform = ["f32", "f16", "bf16", "fp8", "int8", "int4"];
    private static readonly Dictionary<string, string> LlamaCpp = new(StringComparer.OrdinalIgnoreCase)
    {
        ["q8_0"] = "q8_0", ["q6_k"] = "q6_k", ["q5_k_m"] = "q5_k", ["q5_k_s"] = "q5_k", ["q4_k_m"] = "q4_k", ["q4_k_s"] = "q4_k",
        ["q5_0"] = "q5_0", ["q5_1"] = "q5_1", ["q4_0"] = "q4_0", ["q4_1"] = "q4_1", ["q3_k_s"] = "q3_k", ["q2_k"] = "q2_k",
        ["iq4_xs"] = "iq4_xs", ["iq4_nl"] = "iq4_nl",
    };

    private readonly StorageFormat _base;
    private readonly bool _llamaCpp;
    private readonly bool _moreBits;

    private QuantScheme(string name, StorageFormat format, bool llamaCpp, bool moreBits)
    {
        Name = name;
        _base = format;
        _llamaCpp = llamaCpp;
        _moreBits = moreBits;
    }

    /// <summary>Scheme names accepted by <see cref="Parse"/>.</summary>
    public static string Names => string.Join(", ", Uniform.Concat(LlamaCpp.Keys));

    /// <summary>Scheme name as given.</summary>
    public string Name { get; }

    /// <summary>The scheme called <paramref name="name"/> (case-insensitive).</summary>
    public static QuantScheme Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant() switch
        {
            "fp32" or "float32" => "f32",
            "fp16" or "float16" => "f16",
            "bfloat16" => "bf16",
            var k => k,
        };
        if (Array.IndexOf(Uniform, key) >= 0)
        {
            var format = key switch
            {
                "f32" => StorageFormat.F32,
                "f16" => StorageFormat.F16,
                "bf16" => StorageFormat.Bf16,
                "fp8" => StorageFormat.Fp8,
                "int8" => StorageFormat.Int8,
                _ => StorageFormat.Int4,
            };
            return new QuantScheme(key, format, llamaCpp: false, moreBits: false);
        }

        return LlamaCpp.TryGetValue(key, out var type)
            ? new QuantScheme(key, GgmlTypes.FromName(type)!, llamaCpp: true, moreBits: key is "q4_k_m" or "q5_k_m")
            : throw new FlopScopeException($"Unknown quantisation '{name}'; use one of {Names}.");
    }

    /// <summary>Storage of every tensor of <paramref name="a"/>.</summary>
    public WeightFootprint Apply(LlmArchitecture a, IReadOnlyList<LlmTensor> tensors) =>
        WeightFootprint.From(tensors.Select(t => (t, FormatOf(a, t))), a.TiedEmbeddings, $"{Name} applied to the architecture" + (_llamaCpp ? " (llama.cpp tensor-type rules)" : string.Empty));

    /// <summary>Storage format of <paramref name="t"/>.</summary>
    public StorageFormat FormatOf(LlmArchitecture a, LlmTensor t)
    {
        var vector = t.Rows == 1;
        if (!_llamaCpp)
        {
            return vector && _base.IsQuantized ? StorageFormat.Bf16 : _base;
        }

        if (vector)
        {
            return StorageFormat.F32;
        }

        var q6 = GgmlTypes.FromName("q6_k")!;
        var q8 = GgmlTypes.FromName("q8_0")!;
        var format = _base;
        var isOutput = t.Role == TensorRole.Output || (t.Role == TensorRole.TokenEmbedding && a.TiedEmbeddings);
        if (isOutput)
        {
            format = _base.Name == "q8_0" ? q8 : q6;
        }
        else if (_moreBits && (t.Role is TensorRole.AttnV or TensorRole.FfnDown or TensorRole.ExpertDown or TensorRole.SharedDown) && MoreBits(t.Layer, a.Layers))
        {
            format = q6;
        }

        return Fallback(format, t.Columns);
    }

    /// <summary>llama.cpp's use_more_bits: the first and last eighth of the layers and every third layer between.</summary>
    private static bool MoreBits(int layer, int layers) =>
        layer < layers / 8 || layer >= 7 * layers / 8 || (layer - (layers / 8)) % 3 == 2;

    private static StorageFormat Fallback(StorageFormat format, long rowLength)
    {
        if (rowLength % format.BlockElements == 0)
        {
            return format;
        }

        // llama.cpp's fallbacks for rows that are not whole 256-blocks.
        var fallback = format.Name switch
        {
            "q2_k" or "q3_k" or "iq4_xs" => "iq4_nl",
            "q4_k" => "q5_0",
            "q5_k" => "q5_1",
            _ => "q8_0",
        };
        var f = GgmlTypes.FromName(fallback)!;
        return rowLength % f.BlockElements == 0 ? f : StorageFormat.F16;
    }
}
