using FlopScope.Llm.Quantization;

namespace FlopScope.Llm.Sources.Safetensors;

/// <summary>Exact stored parameters and bytes of a Hugging Face checkpoint from its safetensors headers, split the
/// way a forward pass reads them (embedding lookups, routed experts, the rest).</summary>
public static class SafetensorsWeights
{
    /// <summary>The footprint of <paramref name="tensors"/> for a model with <paramref name="tiedEmbeddings"/>.</summary>
    public static WeightFootprint Footprint(IReadOnlyList<SafetensorsTensor> tensors, bool tiedEmbeddings, int files) =>
        WeightFootprint.From(tensors.Select(t => (Classify(t), Format(t.Dtype))), tiedEmbeddings, $"safetensors headers of {files} file(s) (exact)");

    /// <summary>Notes comparing the headers with the architecture's own count: where and why they differ.</summary>
    public static IReadOnlyList<string> Compare(IReadOnlyList<SafetensorsTensor> tensors, LlmArchitecture a, long impliedParameters)
    {
        var stored = tensors.Sum(t => t.Elements);
        var notes = new List<string>
        {
            $"safetensors: {tensors.Count} tensors, {stored:N0} parameters, "
                + string.Join(", ", tensors.GroupBy(t => t.Dtype).OrderByDescending(g => g.Sum(t => t.Bytes)).Select(g => $"{g.Key} {g.Sum(t => t.Bytes):N0} bytes")),
        };
        if (stored == impliedParameters)
        {
            notes.Add($"config.json and the safetensors headers agree: {stored:N0} parameters");
            return notes;
        }

        var reasons = new List<string>();
        if (a.TiedEmbeddings && tensors.FirstOrDefault(t => t.Name.EndsWith("lm_head.weight", StringComparison.Ordinal)) is { } head)
        {
            reasons.Add($"lm_head.weight ({head.Elements:N0}) is saved although the embedding is tied");
        }

        var buffers = tensors.Where(t => t.Name.Contains("inv_freq", StringComparison.Ordinal) || t.Name.Contains("masked_bias", StringComparison.Ordinal) || t.Name.EndsWith("attn.bias", StringComparison.Ordinal)).ToList();
        if (buffers.Count > 0)
        {
            reasons.Add($"{buffers.Count} buffers (rotary frequencies, attention masks) hold {buffers.Sum(t => t.Elements):N0} elements");
        }

        var scales = tensors.Where(t => t.Name.Contains("scale", StringComparison.Ordinal) || t.Dtype.StartsWith("F8", StringComparison.Ordinal)).ToList();
        if (scales.Count > 0 && scales.Any(t => t.Name.Contains("scale", StringComparison.Ordinal)))
        {
            reasons.Add("quantisation scales are stored as tensors");
        }

        notes.Add($"config.json implies {impliedParameters:N0} parameters, the headers hold {stored:N0} (difference {stored - impliedParameters:N0})"
            + (reasons.Count > 0 ? ": " + string.Join("; ", reasons) : string.Empty) + "; weight bytes follow the headers");
        return notes;
    }

    private static LlmTensor Classify(SafetensorsTensor t)
    {
        var n = t.Name;
        var role = n switch
        {
            _ when n.Contains("wpe", StringComparison.Ordinal) || n.Contains("embed_positions", StringComparison.Ordinal) => TensorRole.PositionEmbedding,
            _ when n.Contains("embed_tokens", StringComparison.Ordinal) || n.Contains("wte", StringComparison.Ordinal) || n.Contains("word_embeddings", StringComparison.Ordinal) || n.Contains("embed_in", StringComparison.Ordinal) => TensorRole.TokenEmbedding,
            _ when n.Contains("lm_head", StringComparison.Ordinal) || n.Contains("embed_out", StringComparison.Ordinal) => TensorRole.Output,
            _ when n.Contains(".experts.", StringComparison.Ordinal) && !n.Contains("shared_expert", StringComparison.Ordinal) => TensorRole.ExpertUp,
            _ => TensorRole.AttnQ,
        };
        return new LlmTensor(n, role, -1, 1, t.Elements);
    }

    private static StorageFormat Format(string dtype) => dtype switch
    {
        "F32" => StorageFormat.F32,
        "F16" => StorageFormat.F16,
        "BF16" => StorageFormat.Bf16,
        "F4" => new("f4", 2, 1),
        "F6_E2M3" or "F6_E3M2" => new("f6", 4, 3),
        "F8_E4M3" or "F8_E5M2" or "F8_E8M0" => StorageFormat.Fp8,
        "I8" or "U8" or "BOOL" => StorageFormat.Int8,
        "I16" or "U16" => new("i16", 1, 2),
        "I32" or "U32" => new("i32", 1, 4),
        _ => new("i64", 1, 8),
    };
}
