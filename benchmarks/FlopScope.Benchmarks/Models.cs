using FlopScope.Graph;

namespace FlopScope.Benchmarks;

/// <summary>A generated model and the figures computed by hand from its layer sizes.</summary>
internal sealed record SyntheticModel(Model Model, long Parameters, long Macs, string ProfileArgs);

/// <summary>Synthetic models for the speed benchmark.</summary>
internal static class Models
{
    /// <summary>The name external weights of generated models point at.</summary>
    public const string DataFile = "model.onnx.data";

    private static (string, AttributeValue) Attr(string key, long value) => (key, AttributeValue.Of(value));

    private static (string, AttributeValue) Attr(string key, params long[] values) => (key, AttributeValue.Of(values));

    private static (string, AttributeValue) Attr(string key, float value) => (key, AttributeValue.Of(value));

    /// <summary>torchvision VGG-16 (eval, dropout folded away): 13 Conv3x3+Relu, 5 MaxPool, Flatten and 3 Gemm, input
    /// 1x3x224x224. 138,357,544 parameters, 15,470,264,320 MACs.</summary>
    public static SyntheticModel Vgg16(bool external)
    {
        var b = new GraphBuilder("vgg16", external ? DataFile : null);
        b.Input("input", DataType.Float, 1, 3, 224, 224);
        int[][] stages = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]];
        long channels = 3, size = 224, macs = 0;
        var x = "input";
        var index = 0;
        foreach (var stage in stages)
        {
            foreach (var width in stage)
            {
                var w = b.Weight($"features.{index}.weight", width, channels, 3, 3);
                var bias = b.Weight($"features.{index}.bias", width);
                x = b.Node($"/features/features.{index}/Conv", "Conv", [x, w, bias],
                    Attr("kernel_shape", 3, 3), Attr("pads", 1, 1, 1, 1), Attr("strides", 1, 1), Attr("dilations", 1, 1), Attr("group", 1L));
                macs += width * size * size * channels * 9;
                x = b.Node($"/features/features.{index + 1}/Relu", "Relu", [x]);
                channels = width;
                index += 2;
            }

            x = b.Node($"/features/features.{index}/MaxPool", "MaxPool", [x],
                Attr("kernel_shape", 2, 2), Attr("strides", 2, 2), Attr("pads", 0, 0, 0, 0), Attr("ceil_mode", 0L));
            size /= 2;
            index++;
        }

        x = b.Node("/Flatten", "Flatten", [x], Attr("axis", 1L));
        long features = channels * size * size;
        (int Index, long Out)[] classifier = [(0, 4096), (3, 4096), (6, 1000)];
        foreach (var (i, outFeatures) in classifier)
        {
            var w = b.Weight($"classifier.{i}.weight", outFeatures, features);
            var bias = b.Weight($"classifier.{i}.bias", outFeatures);
            x = b.Node($"/classifier/classifier.{i}/Gemm", "Gemm", [x, w, bias], Attr("alpha", 1f), Attr("beta", 1f), Attr("transB", 1L));
            macs += features * outFeatures;
            features = outFeatures;
            if (i < 6)
            {
                x = b.Node($"/classifier/classifier.{i + 1}/Relu", "Relu", [x]);
            }
        }

        b.RenameLastOutput("output");
        b.Output("output", DataType.Float, 1, 1000);
        return new SyntheticModel(b.Build(), b.WeightElements, macs, string.Empty);
    }

    /// <summary>LLaMA-2-7B shaped decoder (no rotary, no mask): token embedding, 32 layers of RMSNorm, 32-head
    /// attention and SiLU-gated MLP (11008), final RMSNorm and LM head, over a symbolic <c>sequence</c> dimension.
    /// Every float weight lives in the sparse external file <see cref="DataFile"/>. 6,738,415,616 parameters.</summary>
    public static SyntheticModel Llama7B(long sequence)
    {
        const long hidden = 4096, heads = 32, headDim = hidden / heads, mlp = 11008, vocab = 32000, layers = 32;
        var b = new GraphBuilder("llama7b", DataFile);
        b.Input("input_ids", DataType.Int64, 1, Dim.Named("sequence"));
        var splitHeads = b.Ints("split_heads_shape", 0, -1, heads, headDim);
        var mergeHeads = b.Ints("merge_heads_shape", 0, -1, hidden);
        var eps = b.Scalar("rms_eps", 1e-5);
        var scale = b.Scalar("attn_scale", 1.0 / Math.Sqrt(headDim));
        long macs = 0;

        string RmsNorm(string prefix, string input)
        {
            var weight = b.Weight(prefix + ".weight", hidden);
            var square = b.Node(prefix + "/Square", "Mul", [input, input]);
            var mean = b.Node(prefix + "/ReduceMean", "ReduceMean", [square], Attr("axes", -1L), Attr("keepdims", 1L));
            var shifted = b.Node(prefix + "/AddEps", "Add", [mean, eps]);
            var root = b.Node(prefix + "/Sqrt", "Sqrt", [shifted]);
            var inverse = b.Node(prefix + "/Reciprocal", "Reciprocal", [root]);
            var normed = b.Node(prefix + "/Normalize", "Mul", [input, inverse]);
            return b.Node(prefix + "/Scale", "Mul", [normed, weight]);
        }

        string Linear(string prefix, string input, long inFeatures, long outFeatures)
        {
            var weight = b.Weight(prefix + ".weight", inFeatures, outFeatures);
            macs += sequence * inFeatures * outFeatures;
            return b.Node(prefix + "/MatMul", "MatMul", [input, weight]);
        }

        var embedding = b.Weight("model.embed_tokens.weight", vocab, hidden);
        var x = b.Node("/model/embed_tokens/Gather", "Gather", [embedding, "input_ids"], Attr("axis", 0L));
        for (var layer = 0; layer < layers; layer++)
        {
            var p = $"/model/layers.{layer}";
            var h = RmsNorm(p + "/input_layernorm", x);
            string Heads(string name, long[] perm)
            {
                var projected = Linear($"{p}/self_attn/{name}_proj", h, hidden, hidden);
                var split = b.Node($"{p}/self_attn/{name}/Reshape", "Reshape", [projected, splitHeads]);
                return b.Node($"{p}/self_attn/{name}/Transpose", "Transpose", [split], Attr("perm", perm));
            }

            var q = Heads("q", [0, 2, 1, 3]);
            var k = Heads("k", [0, 2, 3, 1]);
            var v = Heads("v", [0, 2, 1, 3]);
            var scores = b.Node($"{p}/self_attn/QK/MatMul", "MatMul", [q, k]);
            var scaled = b.Node($"{p}/self_attn/Scale", "Mul", [scores, scale]);
            var probs = b.Node($"{p}/self_attn/Softmax", "Softmax", [scaled], Attr("axis", -1L));
            var context = b.Node($"{p}/self_attn/AV/MatMul", "MatMul", [probs, v]);
            macs += 2 * heads * sequence * sequence * headDim;
            var merged = b.Node($"{p}/self_attn/Transpose", "Transpose", [context], Attr("perm", 0, 2, 1, 3));
            var flat = b.Node($"{p}/self_attn/Reshape", "Reshape", [merged, mergeHeads]);
            var attention = Linear($"{p}/self_attn/o_proj", flat, hidden, hidden);
            x = b.Node($"{p}/AddAttention", "Add", [x, attention]);

            h = RmsNorm(p + "/post_attention_layernorm", x);
            var gate = Linear($"{p}/mlp/gate_proj", h, hidden, mlp);
            var up = Linear($"{p}/mlp/up_proj", h, hidden, mlp);
            var sigmoid = b.Node($"{p}/mlp/act/Sigmoid", "Sigmoid", [gate]);
            var silu = b.Node($"{p}/mlp/act/Mul", "Mul", [gate, sigmoid]);
            var gated = b.Node($"{p}/mlp/Mul", "Mul", [silu, up]);
            var down = Linear($"{p}/mlp/down_proj", gated, mlp, hidden);
            x = b.Node($"{p}/AddMlp", "Add", [x, down]);
        }

        x = RmsNorm("/model/norm", x);
        Linear("/lm_head", x, hidden, vocab);
        b.RenameLastOutput("logits");
        b.Output("logits", DataType.Float, 1, Dim.Named("sequence"), vocab);
        return new SyntheticModel(b.Build(), b.WeightElements, macs, $"--dim sequence={sequence}");
    }
}
