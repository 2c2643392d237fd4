using FlopScope.Graph;
using FlopScope.Onnx.Writing;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Sources.Onnx;

/// <summary>
/// A Llama-shaped decoder as an ONNX graph, built the way exporters write it: token embedding Gather; per layer a
/// norm, q/k/v MatMuls, grouped-query attention (K and V concatenated after the past cache, query heads grouped over
/// the KV heads by a broadcasting MatMul), softmax, output MatMul, residual, norm, SiLU-gated MLP, residual; final
/// norm and the output MatMul over every position; with a cache, the concatenated K and V are the
/// <c>present.N.key/value</c> outputs. Inputs: <c>input_ids [batch, sequence]</c> and, with a cache,
/// <c>past_key_values.N.key/value [batch, kv_heads, past_sequence_length, head_dim]</c>.
/// </summary>
internal static class LlamaOnnxGraph
{
    public static byte[] Build(int layers, long hidden, int heads, int kvHeads, long intermediate, long vocab, bool cache)
    {
        var d = hidden / heads;
        var group = heads / kvHeads;
        var g = new TestGraph().Opset(17);
        var inputs = new List<ValueInfo> { new("input_ids", DataType.Int64, new TensorShape([Dim.Named("batch"), Dim.Named("sequence")])) };
        g.Weight("embed", vocab, hidden).Node("Gather", ["embed", "input_ids"], ["x0"], ("axis", 0));
        g.Ints("heads_shape", [0, 0, heads, d]).Ints("kv_shape", [0, 0, kvHeads, d]).Ints("group_shape", [0, kvHeads, group, -1, d])
            .Ints("merge_shape", [0, heads, -1, d]).Ints("flat_shape", [0, 0, heads * d]).Ints("axis2", [2]);
        var x = "x0";
        var presents = new List<string>();
        for (var i = 0; i < layers; i++)
        {
            string N(string s) => $"l{i}.{s}";
            g.Weight(N("norm1"), hidden).Node("LayerNormalization", [x, N("norm1")], [N("n1")], ("axis", -1));
            g.Weight(N("wq"), hidden, heads * d).Weight(N("wk"), hidden, kvHeads * d).Weight(N("wv"), hidden, kvHeads * d).Weight(N("wo"), heads * d, hidden);
            g.Node("MatMul", [N("n1"), N("wq")], [N("q")]).Node("MatMul", [N("n1"), N("wk")], [N("k")]).Node("MatMul", [N("n1"), N("wv")], [N("v")]);
            g.Node("Reshape", [N("q"), "heads_shape"], [N("q4")]).Node("Transpose", [N("q4")], [N("qt")], ("perm", new[] { 0, 2, 1, 3 }));
            g.Node("Reshape", [N("k"), "kv_shape"], [N("k4")]).Node("Transpose", [N("k4")], [N("kt")], ("perm", new[] { 0, 2, 1, 3 }));
            g.Node("Reshape", [N("v"), "kv_shape"], [N("v4")]).Node("Transpose", [N("v4")], [N("vt")], ("perm", new[] { 0, 2, 1, 3 }));
            var (keys, values) = (N("kt"), N("vt"));
            if (cache)
            {
                foreach (var kind in new[] { "key", "value" })
                {
                    inputs.Add(new($"past_key_values.{i}.{kind}", DataType.Float, new TensorShape([Dim.Named("batch"), kvHeads, Dim.Named("past_sequence_length"), d])));
                }

                g.Node("Concat", [$"past_key_values.{i}.key", N("kt")], [$"present.{i}.key"], ("axis", 2)).Node("Concat", [$"past_key_values.{i}.value", N("vt")], [$"present.{i}.value"], ("axis", 2));
                (keys, values) = ($"present.{i}.key", $"present.{i}.value");
                presents.Add($"present.{i}.key");
                presents.Add($"present.{i}.value");
            }

            g.Node("Reshape", [N("qt"), "group_shape"], [N("q5")]);
            g.Node("Transpose", [keys], [N("kT")], ("perm", new[] { 0, 1, 3, 2 })).Node("Unsqueeze", [N("kT"), "axis2"], [N("kT5")]);
            g.Node("MatMul", [N("q5"), N("kT5")], [N("scores")]).Node("Softmax", [N("scores")], [N("p")], ("axis", -1));
            g.Node("Unsqueeze", [values, "axis2"], [N("v5")]).Node("MatMul", [N("p"), N("v5")], [N("ctx5")]);
            g.Node("Reshape", [N("ctx5"), "merge_shape"], [N("ctx4")]).Node("Transpose", [N("ctx4")], [N("ctxt")], ("perm", new[] { 0, 2, 1, 3 }))
                .Node("Reshape", [N("ctxt"), "flat_shape"], [N("ctx")]);
            g.Node("MatMul", [N("ctx"), N("wo")], [N("o")]).Node("Add", [x, N("o")], [N("x1")]);
            g.Weight(N("norm2"), hidden).Node("LayerNormalization", [N("x1"), N("norm2")], [N("n2")], ("axis", -1));
            g.Weight(N("wg"), hidden, intermediate).Weight(N("wu"), hidden, intermediate).Weight(N("wd"), intermediate, hidden);
            g.Node("MatMul", [N("n2"), N("wg")], [N("gate")]).Node("Sigmoid", [N("gate")], [N("sig")]).Node("Mul", [N("gate"), N("sig")], [N("silu")]);
            g.Node("MatMul", [N("n2"), N("wu")], [N("up")]).Node("Mul", [N("silu"), N("up")], [N("h")]);
            g.Node("MatMul", [N("h"), N("wd")], [N("down")]).Node("Add", [N("x1"), N("down")], [N("x2")]);
            x = N("x2");
        }

        g.Weight("norm_f", hidden).Node("LayerNormalization", [x, "norm_f"], ["xf"], ("axis", -1));
        g.Weight("lm_head", hidden, vocab).Node("MatMul", ["xf", "lm_head"], ["logits"]);
        var built = g.BuildModel("logits");
        var graph = new Graph.Graph("llama", built.Graph.Nodes, inputs,
            [new ValueInfo("logits", DataType.Float, null), .. presents.Select(p => new ValueInfo(p, DataType.Float, null))], built.Graph.Initializers);
        return OnnxWriter.Write(new Model(graph, new Dictionary<string, long> { [string.Empty] = 17 }));
    }
}
