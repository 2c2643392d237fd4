using System.Text.Json;
using FlopScope.Errors;
using FlopScope.Safety;

namespace FlopScope.Llm.Sources.HuggingFace;

/// <summary>
/// Reads a Hugging Face <c>config.json</c> (a file, or a folder holding one) into an <see cref="LlmArchitecture"/>
/// for the decoder families whose layer layout it knows: Llama, Mistral, Mixtral, Qwen2/2.5/3 and their MoE variants,
/// Gemma 1/2/3, Phi-3, GPT-2, GPT-NeoX, Falcon and DeepSeek (v1 MoE, v2/v3 with latent attention). Each family's
/// defaults follow its transformers configuration class (docs/llm.md lists them).
/// </summary>
public static class HuggingFaceConfig
{
    /// <summary>Largest config file read (real ones are a few KB).</summary>
    public const long MaxBytes = 4 << 20;

    /// <summary>Families this reader knows, by <c>model_type</c>.</summary>
    public static readonly IReadOnlyList<string> Families =
    [
        "llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2", "gemma3", "gemma3_text",
        "phi3", "gpt2", "gpt_neox", "falcon", "deepseek", "deepseek_v2", "deepseek_v3",
    ];

    /// <summary>The config file of <paramref name="path"/>: the path itself, or <c>config.json</c> inside a folder.</summary>
    public static string Locate(string path) => Directory.Exists(path) ? System.IO.Path.Combine(path, "config.json") : path;

    /// <summary>Reads the architecture from <paramref name="path"/> (file or folder).</summary>
    public static LlmArchitecture Read(string path)
    {
        var file = Locate(path);
        if (!File.Exists(file))
        {
            throw new FlopScopeException($"No config.json at '{path}'.");
        }

        return Parse(BoundedFile.ReadAllBytes(file, Math.Min(MaxBytes, Limits.Current.Json), "config.json", "json"), SafeText.Clean(file));
    }

    /// <summary>Parses config JSON text; <paramref name="source"/> names it in errors.</summary>
    public static LlmArchitecture Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 32 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"{source}: not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FlopScopeException($"{source}: expected a JSON object.");
            }

            var c = new ConfigJson(document.RootElement, source);
            // Multimodal wrappers (Gemma-3, Llava...) keep the language model in text_config.
            if (c.Child("text_config") is { } text && text.Has("hidden_size"))
            {
                var type = text.String("model_type") ?? c.String("model_type");
                return FromConfig(text, type, c.String("torch_dtype"));
            }

            return FromConfig(c, c.String("model_type"), null);
        }
    }

    private static LlmArchitecture FromConfig(ConfigJson c, string? modelType, string? outerDtype)
    {
        var type = modelType?.ToLowerInvariant() switch
        {
            "refinedweb" or "refinedwebmodel" => "falcon",
            var t => t,
        };
        if (type is null || !Families.Contains(type))
        {
            throw new FlopScopeException($"{c.Source}: model_type '{SafeText.Clean(modelType ?? "(none)")}' is not a decoder family FlopScope knows; known: {string.Join(", ", Families)}.");
        }

        var dtype = Dtype(c.String("torch_dtype") ?? c.String("dtype") ?? outerDtype);
        return type switch
        {
            "gpt2" => Gpt2(c, dtype),
            "gpt_neox" => NeoX(c, dtype),
            "falcon" => Falcon(c, dtype),
            _ => LlamaLike(c, type, dtype),
        };
    }

    private static string Dtype(string? torchDtype) => torchDtype?.ToLowerInvariant() switch
    {
        "float16" or "fp16" or "half" => "fp16",
        "float32" or "fp32" or "float" => "fp32",
        _ => "bf16",
    };

    private static LlmArchitecture LlamaLike(ConfigJson c, string type, string dtype)
    {
        var hidden = c.Long("hidden_size");
        var layers = c.Int("num_hidden_layers");
        var heads = c.Int("num_attention_heads");
        var kvHeads = (int)(c.OptionalLong("num_key_value_heads", 1, heads) ?? heads);
        if (heads % kvHeads != 0)
        {
            throw new FlopScopeException($"{c.Source}: num_attention_heads {heads} is not a multiple of num_key_value_heads {kvHeads}.");
        }

        var headDim = c.OptionalLong("head_dim", 1) ?? (hidden % heads == 0 ? hidden / heads : throw new FlopScopeException($"{c.Source}: hidden_size {hidden} is not a multiple of num_attention_heads {heads}; give head_dim."));
        var gemma = type.StartsWith("gemma", StringComparison.Ordinal);
        var qwen = type.StartsWith("qwen", StringComparison.Ordinal);
        var attentionBias = c.Bool("attention_bias", type is "qwen2" or "qwen2_moe");
        var arch = new LlmArchitecture
        {
            Family = type,
            Layers = layers,
            Hidden = hidden,
            Heads = heads,
            KvHeads = kvHeads,
            HeadDim = headDim,
            Intermediate = c.OptionalLong("intermediate_size", 1) ?? c.Long("moe_intermediate_size"),
            Vocab = c.Long("vocab_size"),
            TiedEmbeddings = c.Bool("tie_word_embeddings", gemma),
            MaxContext = c.OptionalLong("max_position_embeddings", 1),
            NormsPerLayer = type is "gemma2" or "gemma3" or "gemma3_text" ? 4 : 2,
            QkNorm = type is "qwen3" or "qwen3_moe" or "gemma3" or "gemma3_text",
            // Qwen2 always has q/k/v biases and no output bias; Llama-style attention_bias covers all four.
            QkvBias = attentionBias,
            OutputBias = attentionBias && !qwen,
            MlpBias = c.Bool("mlp_bias", false),
            FusedQkv = type == "phi3",
            WeightType = dtype,
        };
        arch = arch with { Moe = Moe(c, type, layers), Mla = Mla(c, type) };
        return Windows(c, type, arch);
    }

    private static MoeSpec? Moe(ConfigJson c, string type, int layers)
    {
        switch (type)
        {
            case "mixtral":
                return new MoeSpec
                {
                    Experts = c.Int("num_local_experts"),
                    ExpertsPerToken = c.Int("num_experts_per_tok"),
                    ExpertIntermediate = c.Long("intermediate_size"),
                    MoeLayers = Enumerable.Repeat(true, layers).ToArray(),
                };
            case "qwen2_moe" or "qwen3_moe":
            {
                var experts = (int)(c.OptionalLong("num_experts", 0, 1 << 16) ?? 0);
                if (experts == 0)
                {
                    return null;
                }

                var step = c.OptionalLong("decoder_sparse_step", 1, layers) ?? 1;
                var mlpOnly = c.Longs("mlp_only_layers", layers).ToHashSet();
                return new MoeSpec
                {
                    Experts = experts,
                    ExpertsPerToken = c.Int("num_experts_per_tok", 1, experts),
                    ExpertIntermediate = c.Long("moe_intermediate_size"),
                    SharedIntermediate = type == "qwen2_moe" ? c.OptionalLong("shared_expert_intermediate_size") ?? 0 : 0,
                    SharedExpertGate = type == "qwen2_moe" && c.OptionalLong("shared_expert_intermediate_size") is > 0,
                    MoeLayers = Enumerable.Range(0, layers).Select(i => !mlpOnly.Contains(i) && (i + 1) % step == 0).ToArray(),
                };
            }

            case "deepseek" or "deepseek_v2" or "deepseek_v3":
            {
                var experts = (int)(c.OptionalLong("n_routed_experts", 0, 1 << 16) ?? 0);
                if (experts == 0)
                {
                    return null;
                }

                var moeWidth = c.Long("moe_intermediate_size");
                var firstDense = c.OptionalLong("first_k_dense_replace", 0, layers) ?? 0;
                var frequency = c.OptionalLong("moe_layer_freq", 1, layers) ?? 1;
                return new MoeSpec
                {
                    Experts = experts,
                    ExpertsPerToken = c.Int("num_experts_per_tok", 1, experts),
                    ExpertIntermediate = moeWidth,
                    SharedIntermediate = checked(moeWidth * (c.OptionalLong("n_shared_experts", 0, 1 << 10) ?? 0)),
                    // DeepSeek-V3's noaux_tc routing adds a per-expert score-correction bias.
                    RouterBias = c.String("topk_method") == "noaux_tc",
                    MoeLayers = Enumerable.Range(0, layers).Select(i => i >= firstDense && i % frequency == 0).ToArray(),
                };
            }

            default:
                return null;
        }
    }

    private static MlaSpec? Mla(ConfigJson c, string type) =>
        type is "deepseek_v2" or "deepseek_v3" && c.Has("kv_lora_rank")
            ? new MlaSpec
            {
                QLoraRank = c.OptionalLong("q_lora_rank", 0) ?? 0,
                KvLoraRank = c.Long("kv_lora_rank"),
                QkNopeHeadDim = c.Long("qk_nope_head_dim"),
                QkRopeHeadDim = c.Long("qk_rope_head_dim"),
                VHeadDim = c.Long("v_head_dim"),
            }
            : null;

    /// <summary>Sliding windows: <c>layer_types</c> when given, else each family's rule.</summary>
    private static LlmArchitecture Windows(ConfigJson c, string type, LlmArchitecture a)
    {
        var window = c.OptionalLong("sliding_window", 1);
        if (window is null)
        {
            return a;
        }

        if (c.Strings("layer_types", a.Layers) is { } kinds)
        {
            return a with { SlidingWindow = window, SlidingLayers = Enumerable.Range(0, a.Layers).Select(i => i < kinds.Count && kinds[i] == "sliding_attention").ToArray() };
        }

        return type switch
        {
            // Qwen2/3 declare a window but use it only with use_sliding_window, on layers from max_window_layers on.
            "qwen2" or "qwen2_moe" or "qwen3" or "qwen3_moe" => c.Bool("use_sliding_window", false)
                ? a with { SlidingWindow = window, SlidingLayers = Enumerable.Range(0, a.Layers).Select(i => i >= (c.OptionalLong("max_window_layers") ?? 0)).ToArray() }
                : a,
            // Gemma-2: even layers slide, odd layers are global.
            "gemma2" => a with { SlidingWindow = window, SlidingLayers = Enumerable.Range(0, a.Layers).Select(i => i % 2 == 0).ToArray() },
            // Gemma-3: every sliding_window_pattern-th layer is global.
            "gemma3" or "gemma3_text" => a with
            {
                SlidingWindow = window,
                SlidingLayers = Enumerable.Range(0, a.Layers).Select(i => (i + 1) % (c.OptionalLong("sliding_window_pattern", 1) ?? 6) != 0).ToArray(),
            },
            "mistral" or "mixtral" or "phi3" => a with { SlidingWindow = window },
            _ => a,
        };
    }

    private static LlmArchitecture Gpt2(ConfigJson c, string dtype)
    {
        var hidden = c.Long("n_embd");
        var heads = c.Int("n_head");
        return new LlmArchitecture
        {
            Family = "gpt2",
            Layers = c.Int("n_layer"),
            Hidden = hidden,
            Heads = heads,
            KvHeads = heads,
            HeadDim = Divide(c, hidden, heads),
            Intermediate = c.OptionalLong("n_inner", 1) ?? checked(4 * hidden),
            Vocab = c.Long("vocab_size"),
            TiedEmbeddings = c.Bool("tie_word_embeddings", true),
            LearnedPositions = c.Long("n_positions"),
            MaxContext = c.Long("n_positions"),
            Norm = NormKind.LayerNorm,
            QkvBias = true,
            OutputBias = true,
            MlpBias = true,
            Mlp = MlpKind.Plain,
            FusedQkv = true,
            WeightType = c.String("torch_dtype") is null ? "fp32" : dtype,
        };
    }

    private static LlmArchitecture NeoX(ConfigJson c, string dtype)
    {
        var hidden = c.Long("hidden_size");
        var heads = c.Int("num_attention_heads");
        var bias = c.Bool("attention_bias", true);
        return new LlmArchitecture
        {
            Family = "gpt_neox",
            Layers = c.Int("num_hidden_layers"),
            Hidden = hidden,
            Heads = heads,
            KvHeads = heads,
            HeadDim = Divide(c, hidden, heads),
            Intermediate = c.Long("intermediate_size"),
            Vocab = c.Long("vocab_size"),
            TiedEmbeddings = c.Bool("tie_word_embeddings", false),
            MaxContext = c.OptionalLong("max_position_embeddings", 1),
            Norm = NormKind.LayerNorm,
            QkvBias = bias,
            OutputBias = bias,
            MlpBias = true,
            Mlp = MlpKind.Plain,
            FusedQkv = true,
            WeightType = dtype,
        };
    }

    private static LlmArchitecture Falcon(ConfigJson c, string dtype)
    {
        var hidden = c.AnyLong("hidden_size", "n_embed");
        var heads = (int)c.AnyLong("num_attention_heads", "n_head");
        var newArchitecture = c.Bool("new_decoder_architecture", false);
        var kvHeads = newArchitecture ? (int)(c.OptionalLong("num_kv_heads", 1, heads) ?? heads) : c.Bool("multi_query", true) ? 1 : heads;
        var bias = c.Bool("bias", false);
        var parallel = c.Bool("parallel_attn", true);
        return new LlmArchitecture
        {
            Family = "falcon",
            Layers = (int)c.AnyLong("num_hidden_layers", "n_layer"),
            Hidden = hidden,
            Heads = heads,
            KvHeads = kvHeads,
            HeadDim = Divide(c, hidden, heads),
            Intermediate = c.OptionalLong("ffn_hidden_size", 1) ?? checked(4 * hidden),
            Vocab = c.Long("vocab_size"),
            TiedEmbeddings = c.Bool("tie_word_embeddings", true),
            MaxContext = c.OptionalLong("max_position_embeddings", 1),
            Norm = NormKind.LayerNorm,
            // The new decoder (40B/180B) has ln_attn and ln_mlp; the 7B parallel block one input_layernorm.
            NormsPerLayer = newArchitecture ? (int)(c.OptionalLong("num_ln_in_parallel_attn", 1, 2) ?? 2) : parallel ? 1 : 2,
            QkvBias = bias,
            OutputBias = bias,
            MlpBias = bias,
            Mlp = MlpKind.Plain,
            FusedQkv = true,
            WeightType = dtype,
        };
    }

    private static long Divide(ConfigJson c, long hidden, int heads) =>
        hidden % heads == 0 ? hidden / heads : throw new FlopScopeException($"{c.Source}: hidden size {hidden} is not a multiple of the {heads} heads.");
}
