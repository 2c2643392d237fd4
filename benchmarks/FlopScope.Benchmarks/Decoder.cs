using FlopScope.Graph;

namespace FlopScope.Benchmarks;

/// <summary>
/// A small Llama-shaped decoder with a KV cache, as Optimum exports it: inputs <c>input_ids [batch, sequence]</c> and
/// <c>past_key_values.N.key/value [batch, 4, past_sequence_length, 64]</c>, outputs <c>logits</c> and
/// <c>present.N.key/value</c> (the past concatenated with the new keys and values). 8 layers, hidden 1024, 16 query
/// heads over 4 KV heads, SiLU-gated MLP 2816, vocab 8192, RMSNorm from plain ops, no rotary; fp32 weights in a sparse
/// external file (zeros). Its config.json twin is written beside it. About 106M parameters: decode streams ~0.4 GB
/// per token, so a CPU decode step is memory-bound, as a real LLM's is.
/// </summary>
internal static class Decoder
{
    public const long Hidden = 1024, Heads = 16, KvHeads = 4, HeadDim = 64, Mlp = 2816, Vocab = 8192, Layers = 8;

    public static string Config => $$"""
        {"model_type":"llama","hidden_size":{{Hidden}},"num_hidden_layers":{{Layers}},"num_attention_heads":{{Heads}},"num_key_value_heads":{{KvHeads}},
         "intermediate_size":{{Mlp}},"vocab_size":{{Vocab}},"tie_word_embeddings":false,"max_position_embeddings":4096,"torch_dtype":"float32"}
        """;

    private static (string, AttributeValue) Attr(string key, long value) => (key, AttributeValue.Of(value));

    private static (string, AttributeValue) Attr(string key, params long[] values) => (key, AttributeValue.Of(values));

    public static SyntheticModel Build()
    {
        var b = new GraphBuilder("decoder", Models.DataFile);
        b.Input("input_ids", DataType.Int64, Dim.Named("batch"), Dim.Named("sequence"));
        var headsShape = b.Ints("heads_shape", 0, 0, Heads, HeadDim);
        var kvShape = b.Ints("kv_shape", 0, 0, KvHeads, HeadDim);
        var groupShape = b.Ints("group_shape", 0, KvHeads, Heads / KvHeads, -1, HeadDim);
        var mergeShape = b.Ints("merge_shape", 0, Heads, -1, HeadDim);
        var flatShape = b.Ints("flat_shape", 0, 0, Heads * HeadDim);
        var axis2 = b.Ints("axis2", 2);
        var eps = b.Scalar("rms_eps", 1e-5);
        var scale = b.Scalar("attn_scale", 1.0 / Math.Sqrt(HeadDim));

        string RmsNorm(string prefix, string input)
        {
            var weight = b.Weight(prefix + ".weight", Hidden);
            var square = b.Node(prefix + "/Square", "Mul", [input, input]);
            var mean = b.Node(prefix + "/ReduceMean", "ReduceMean", [square], Attr("axes", new long[] { -1 }), Attr("keepdims", 1L));
            var root = b.Node(prefix + "/Sqrt", "Sqrt", [b.Node(prefix + "/AddEps", "Add", [mean, eps])]);
            var normed = b.Node(prefix + "/Normalize", "Div", [input, root]);
            return b.Node(prefix + "/Scale", "Mul", [normed, weight]);
        }

        string Linear(string prefix, string input, long inFeatures, long outFeatures) =>
            b.Node(prefix + "/MatMul", "MatMul", [input, b.Weight(prefix + ".weight", inFeatures, outFeatures)]);

        var x = b.Node("/embed/Gather", "Gather", [b.Weight("embed_tokens.weight", Vocab, Hidden), "input_ids"], Attr("axis", 0L));
        for (var layer = 0; layer < Layers; layer++)
        {
            var p = $"/layers.{layer}";
            var h = RmsNorm(p + "/input_layernorm", x);
            var q = b.Node(p + "/q/Transpose", "Transpose", [b.Node(p + "/q/Reshape", "Reshape", [Linear(p + "/q_proj", h, Hidden, Heads * HeadDim), headsShape])], Attr("perm", 0, 2, 1, 3));
            var cache = new List<string>();
            foreach (var kind in new[] { "key", "value" })
            {
                var projected = Linear($"{p}/{kind[0]}_proj", h, Hidden, KvHeads * HeadDim);
                var heads = b.Node($"{p}/{kind}/Transpose", "Transpose", [b.Node($"{p}/{kind}/Reshape", "Reshape", [projected, kvShape])], Attr("perm", 0, 2, 1, 3));
                var past = $"past_key_values.{layer}.{kind}";
                b.Input(past, DataType.Float, Dim.Named("batch"), KvHeads, Dim.Named("past_sequence_length"), HeadDim);
                b.Node($"present.{layer}.{kind}", "Concat", [past, heads], Attr("axis", 2L));
                b.RenameLastOutput($"present.{layer}.{kind}");
                b.Output($"present.{layer}.{kind}", DataType.Float, Dim.Named("batch"), KvHeads, Dim.Named("total_sequence_length"), HeadDim);
                cache.Add($"present.{layer}.{kind}");
            }

            var grouped = b.Node(p + "/q/Group", "Reshape", [q, groupShape]);
            var keys = b.Node(p + "/k/Unsqueeze", "Unsqueeze", [b.Node(p + "/k/TransposeT", "Transpose", [cache[0]], Attr("perm", 0, 1, 3, 2)), axis2]);
            var scores = b.Node(p + "/Scale", "Mul", [b.Node(p + "/QK/MatMul", "MatMul", [grouped, keys]), scale]);
            var probs = b.Node(p + "/Softmax", "Softmax", [scores], Attr("axis", -1L));
            var values = b.Node(p + "/v/Unsqueeze", "Unsqueeze", [cache[1], axis2]);
            var context = b.Node(p + "/AV/MatMul", "MatMul", [probs, values]);
            var merged = b.Node(p + "/Merge", "Reshape", [context, mergeShape]);
            var flat = b.Node(p + "/Flat", "Reshape", [b.Node(p + "/MergeT", "Transpose", [merged], Attr("perm", 0, 2, 1, 3)), flatShape]);
            x = b.Node(p + "/AddAttention", "Add", [x, Linear(p + "/o_proj", flat, Heads * HeadDim, Hidden)]);

            h = RmsNorm(p + "/post_attention_layernorm", x);
            var gate = Linear(p + "/gate_proj", h, Hidden, Mlp);
            var silu = b.Node(p + "/act/Mul", "Mul", [gate, b.Node(p + "/act/Sigmoid", "Sigmoid", [gate])]);
            var gated = b.Node(p + "/Gated", "Mul", [silu, Linear(p + "/up_proj", h, Hidden, Mlp)]);
            x = b.Node(p + "/AddMlp", "Add", [x, Linear(p + "/down_proj", gated, Mlp, Hidden)]);
        }

        Linear("/lm_head", RmsNorm("/norm", x), Hidden, Vocab);
        b.RenameLastOutput("logits");
        b.Output("logits", DataType.Float, Dim.Named("batch"), Dim.Named("sequence"), Vocab);
        return new SyntheticModel(b.Build(), b.WeightElements, 0, "--prompt 128");
    }
}
