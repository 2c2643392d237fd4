using FlopScope.Errors;
using FlopScope.Llm.Quantization;

namespace FlopScope.Llm.Sources.Gguf;

/// <summary>
/// An <see cref="LlmModel"/> from a GGUF file: hyperparameters from the <c>{arch}.*</c> metadata, layout details
/// (biases, norms, fused QKV, gated MLP, tied output, experts) from which tensors the table holds, and the stored
/// parameters and bytes exactly from the tensor table (every ggml type's block size).
/// </summary>
public static class GgufModel
{
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["llama"] = "llama", ["mistral"] = "mistral", ["qwen2"] = "qwen2", ["qwen2moe"] = "qwen2_moe", ["qwen3"] = "qwen3",
        ["qwen3moe"] = "qwen3_moe", ["gemma"] = "gemma", ["gemma2"] = "gemma2", ["gemma3"] = "gemma3", ["phi3"] = "phi3",
        ["gpt2"] = "gpt2", ["gptneox"] = "gpt_neox", ["falcon"] = "falcon", ["deepseek"] = "deepseek", ["deepseek2"] = "deepseek_v2",
    };

    /// <summary>Reads <paramref name="path"/>.</summary>
    public static LlmModel Read(string path) => From(GgufFile.Read(path), Safety.SafeText.Clean(Path.GetFileName(path)));

    /// <summary>The model described by <paramref name="file"/>.</summary>
    public static LlmModel From(GgufFile file, string name)
    {
        var arch = Text(file, "general.architecture") ?? throw new FlopScopeException($"{name}: GGUF has no general.architecture.");
        if (!Families.TryGetValue(arch, out var family))
        {
            throw new FlopScopeException($"{name}: GGUF architecture '{arch}' is not one FlopScope knows; known: {string.Join(", ", Families.Keys)}.");
        }

        var byName = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        bool Has(string tensor) => byName.ContainsKey(tensor);
        long Key(string key, long? fallback = null) => Number(file, $"{arch}.{key}") ?? fallback ?? throw new FlopScopeException($"{name}: GGUF metadata '{arch}.{key}' is missing.");

        var layers = (int)Math.Min(Key("block_count"), 1 << 20);
        var hidden = Key("embedding_length");
        var heads = (int)Math.Clamp(Key("attention.head_count"), 1, 1 << 20);
        var kvHeads = (int)Math.Clamp(Key("attention.head_count_kv", heads), 1, heads);
        var embedding = byName.GetValueOrDefault("token_embd.weight") ?? throw new FlopScopeException($"{name}: GGUF has no token_embd.weight tensor.");
        var vocab = embedding.Dims.Count > 1 ? embedding.Dims[1] : Key("vocab_size");
        var layerNorm = Has("blk.0.attn_norm.bias");
        var normsPerLayer = file.Tensors.Count(t => t.Name.StartsWith("blk.0.", StringComparison.Ordinal) && t.Name.EndsWith("norm.weight", StringComparison.Ordinal)
            && !t.Name.Contains("attn_q_norm", StringComparison.Ordinal) && !t.Name.Contains("attn_k_norm", StringComparison.Ordinal)
            && !t.Name.Contains("_a_norm", StringComparison.Ordinal));
        var moeLayers = Enumerable.Range(0, layers).Select(i => Has($"blk.{i}.ffn_gate_inp.weight")).ToArray();
        var experts = (int)Math.Clamp(Number(file, $"{arch}.expert_count") ?? 0, 0, 1 << 16);
        var firstMoe = Array.IndexOf(moeLayers, true);
        MoeSpec? moe = experts > 0 && firstMoe >= 0
            ? new MoeSpec
            {
                Experts = experts,
                ExpertsPerToken = (int)Math.Clamp(Key("expert_used_count"), 1, experts),
                ExpertIntermediate = byName.GetValueOrDefault($"blk.{firstMoe}.ffn_up_exps.weight")?.Dims[1] ?? Key("expert_feed_forward_length"),
                SharedIntermediate = byName.GetValueOrDefault($"blk.{firstMoe}.ffn_up_shexp.weight")?.Dims[1] ?? 0,
                SharedExpertGate = Has($"blk.{firstMoe}.ffn_gate_inp_shexp.weight"),
                RouterBias = Has($"blk.{firstMoe}.exp_probs_b.bias"),
                MoeLayers = moeLayers,
            }
            : null;
        var firstDense = Array.IndexOf(moeLayers, false);
        var intermediate = Number(file, $"{arch}.feed_forward_length")
            ?? (firstDense >= 0 ? byName.GetValueOrDefault($"blk.{firstDense}.ffn_up.weight")?.Dims[1] : null)
            ?? moe?.ExpertIntermediate ?? throw new FlopScopeException($"{name}: GGUF metadata '{arch}.feed_forward_length' is missing.");
        MlaSpec? mla = Number(file, $"{arch}.attention.kv_lora_rank") is { } kvRank
            ? new MlaSpec
            {
                QLoraRank = Number(file, $"{arch}.attention.q_lora_rank") ?? 0,
                KvLoraRank = kvRank,
                QkRopeHeadDim = Key("rope.dimension_count"),
                QkNopeHeadDim = Key("attention.key_length") - Key("rope.dimension_count"),
                VHeadDim = Key("attention.value_length"),
            }
            : null;
        var window = Number(file, $"{arch}.attention.sliding_window");
        var architecture = new LlmArchitecture
        {
            Family = family,
            Layers = layers,
            Hidden = hidden,
            Heads = heads,
            KvHeads = kvHeads,
            HeadDim = mla?.VHeadDim ?? Number(file, $"{arch}.attention.key_length") ?? (hidden / heads),
            Intermediate = intermediate,
            Vocab = vocab,
            TiedEmbeddings = !Has("output.weight"),
            LearnedPositions = byName.GetValueOrDefault("position_embd.weight")?.Dims[1] ?? 0,
            MaxContext = Number(file, $"{arch}.context_length"),
            Norm = layerNorm ? NormKind.LayerNorm : NormKind.RmsNorm,
            NormsPerLayer = Math.Max(1, normsPerLayer),
            QkNorm = Has("blk.0.attn_q_norm.weight"),
            QkvBias = Has("blk.0.attn_q.bias") || Has("blk.0.attn_qkv.bias"),
            OutputBias = Has("blk.0.attn_output.bias"),
            MlpBias = Has($"blk.{Math.Max(firstDense, 0)}.ffn_up.bias"),
            Mlp = file.Tensors.Any(t => t.Name.Contains(".ffn_gate", StringComparison.Ordinal) && !t.Name.Contains("ffn_gate_inp", StringComparison.Ordinal)) ? MlpKind.Gated : MlpKind.Plain,
            FusedQkv = Has("blk.0.attn_qkv.weight"),
            Moe = moe,
            Mla = mla,
            SlidingWindow = window,
            SlidingLayers = window is null ? null : family switch
            {
                "gemma2" => Enumerable.Range(0, layers).Select(i => i % 2 == 0).ToArray(),
                "gemma3" => Enumerable.Range(0, layers).Select(i => (i + 1) % 6 != 0).ToArray(),
                _ => null,
            },
            WeightType = "gguf",
        };

        var implied = LlmTensors.Enumerate(architecture);
        var footprint = WeightFootprint.From(file.Tensors.Select(t => (Classify(t), t.Format)), architecture.TiedEmbeddings, "GGUF tensor table (exact)");
        var impliedCount = implied.Sum(t => t.Elements);
        var notes = new List<string>
        {
            $"GGUF v{file.Version}: {file.Tensors.Count} tensors, {footprint.Parameters:N0} parameters, {footprint.Bytes:N0} bytes of weights ("
                + string.Join(", ", footprint.BytesByFormat.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:N0}")) + ")",
        };
        if (impliedCount != footprint.Parameters)
        {
            notes.Add($"the architecture implies {impliedCount:N0} parameters, the tensor table holds {footprint.Parameters:N0} (difference {footprint.Parameters - impliedCount:N0}); bytes and parameters follow the table");
        }

        return new LlmModel { Name = name, SourceKind = "gguf", Architecture = architecture, Tensors = implied, Weights = footprint, Notes = notes };
    }

    private static LlmTensor Classify(GgufTensorInfo t)
    {
        var role = t.Name switch
        {
            "token_embd.weight" => TensorRole.TokenEmbedding,
            "position_embd.weight" => TensorRole.PositionEmbedding,
            "output.weight" => TensorRole.Output,
            _ when t.Name.Contains("_exps", StringComparison.Ordinal) => TensorRole.ExpertUp,
            _ when t.Name.EndsWith(".bias", StringComparison.Ordinal) => TensorRole.Bias,
            _ when t.Name.Contains("norm", StringComparison.Ordinal) => TensorRole.Norm,
            _ => TensorRole.AttnQ,
        };
        return new LlmTensor(t.Name, role, -1, 1, t.Elements);
    }

    private static string? Text(GgufFile file, string key) => file.Metadata.TryGetValue(key, out var v) && v is string s ? s : null;

    private static long? Number(GgufFile file, string key) => file.Metadata.TryGetValue(key, out var v)
        ? v switch
        {
            long l when l >= 0 => l,
            long[] { Length: > 0 } array => array.Max(),
            _ => null,
        }
        : null;
}
