namespace FlopScope.Llm;

/// <summary>
/// The weight tensors an architecture implies, as the framework stores them: embeddings, per-layer projections with
/// the biases the config enables, norms (weight, plus bias for LayerNorm), routers and stacked experts, and the output
/// projection (marked not stored when tied). Parameter counts, FLOPs, traffic and quantised bytes all derive from this
/// one list, so they cannot disagree.
/// </summary>
public static class LlmTensors
{
    private static readonly string[] NormNames = ["attn_norm", "ffn_norm", "post_attention_norm", "post_ffw_norm"];

    /// <summary>The tensors of <paramref name="a"/>, in GGUF order (embeddings, layers, output).</summary>
    public static IReadOnlyList<LlmTensor> Enumerate(LlmArchitecture a)
    {
        var list = new List<LlmTensor> { new("token_embd.weight", TensorRole.TokenEmbedding, -1, a.Vocab, a.Hidden) };
        if (a.LearnedPositions > 0)
        {
            list.Add(new("position_embd.weight", TensorRole.PositionEmbedding, -1, a.LearnedPositions, a.Hidden));
        }

        for (var i = 0; i < a.Layers; i++)
        {
            var p = $"blk.{i}.";
            for (var n = 0; n < a.NormsPerLayer; n++)
            {
                Norm(list, a, p + NormNames[Math.Min(n, NormNames.Length - 1)] + (n >= NormNames.Length ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty), i, a.Hidden);
            }

            Attention(list, a, p, i);
            if (a.IsMoeLayer(i))
            {
                Experts(list, a, p, i);
            }
            else
            {
                Mlp(list, a, p, i, a.Intermediate, string.Empty, TensorRole.FfnGate, TensorRole.FfnUp, TensorRole.FfnDown, a.MlpBias);
            }
        }

        Norm(list, a, "output_norm", -1, a.Hidden);
        list.Add(new("output.weight", TensorRole.Output, -1, a.Vocab, a.Hidden, Stored: !a.TiedEmbeddings));
        return list;
    }

    private static void Norm(List<LlmTensor> list, LlmArchitecture a, string name, int layer, long width)
    {
        list.Add(new(name + ".weight", TensorRole.Norm, layer, 1, width));
        if (a.Norm == NormKind.LayerNorm)
        {
            list.Add(new(name + ".bias", TensorRole.Norm, layer, 1, width));
        }
    }

    private static void Attention(List<LlmTensor> list, LlmArchitecture a, string p, int i)
    {
        long qDim = checked(a.Heads * a.QkHeadDim);
        long outIn = checked(a.Heads * a.VHeadDim);
        if (a.Mla is { } m)
        {
            if (m.QLoraRank > 0)
            {
                list.Add(new(p + "attn_q_a.weight", TensorRole.AttnLowRank, i, m.QLoraRank, a.Hidden));
                list.Add(new(p + "attn_q_a_norm.weight", TensorRole.Norm, i, 1, m.QLoraRank));
                list.Add(new(p + "attn_q_b.weight", TensorRole.AttnQ, i, qDim, m.QLoraRank));
            }
            else
            {
                list.Add(new(p + "attn_q.weight", TensorRole.AttnQ, i, qDim, a.Hidden));
            }

            list.Add(new(p + "attn_kv_a_mqa.weight", TensorRole.AttnLowRank, i, checked(m.KvLoraRank + m.QkRopeHeadDim), a.Hidden));
            list.Add(new(p + "attn_kv_a_norm.weight", TensorRole.Norm, i, 1, m.KvLoraRank));
            list.Add(new(p + "attn_kv_b.weight", TensorRole.AttnLowRank, i, checked(a.Heads * (m.QkNopeHeadDim + m.VHeadDim)), m.KvLoraRank));
        }
        else
        {
            long kvDim = checked(a.KvHeads * a.HeadDim);
            if (a.FusedQkv)
            {
                var rows = checked(qDim + (2 * kvDim));
                list.Add(new(p + "attn_qkv.weight", TensorRole.AttnQkv, i, rows, a.Hidden));
                Bias(list, a.QkvBias, p + "attn_qkv.bias", i, rows);
            }
            else
            {
                list.Add(new(p + "attn_q.weight", TensorRole.AttnQ, i, qDim, a.Hidden));
                list.Add(new(p + "attn_k.weight", TensorRole.AttnK, i, kvDim, a.Hidden));
                list.Add(new(p + "attn_v.weight", TensorRole.AttnV, i, kvDim, a.Hidden));
                Bias(list, a.QkvBias, p + "attn_q.bias", i, qDim);
                Bias(list, a.QkvBias, p + "attn_k.bias", i, kvDim);
                Bias(list, a.QkvBias, p + "attn_v.bias", i, kvDim);
            }
        }

        if (a.QkNorm)
        {
            list.Add(new(p + "attn_q_norm.weight", TensorRole.Norm, i, 1, a.QkHeadDim));
            list.Add(new(p + "attn_k_norm.weight", TensorRole.Norm, i, 1, a.QkHeadDim));
        }

        list.Add(new(p + "attn_output.weight", TensorRole.AttnOutput, i, a.Hidden, outIn));
        Bias(list, a.OutputBias, p + "attn_output.bias", i, a.Hidden);
    }

    private static void Mlp(List<LlmTensor> list, LlmArchitecture a, string p, int i, long width, string suffix, TensorRole gate, TensorRole up, TensorRole down, bool bias, int experts = 1)
    {
        if (a.Mlp == MlpKind.Gated)
        {
            list.Add(new(p + "ffn_gate" + suffix + ".weight", gate, i, width, a.Hidden, experts));
            Bias(list, bias, p + "ffn_gate" + suffix + ".bias", i, width);
        }

        list.Add(new(p + "ffn_up" + suffix + ".weight", up, i, width, a.Hidden, experts));
        Bias(list, bias, p + "ffn_up" + suffix + ".bias", i, width);
        list.Add(new(p + "ffn_down" + suffix + ".weight", down, i, a.Hidden, width, experts));
        Bias(list, bias, p + "ffn_down" + suffix + ".bias", i, a.Hidden);
    }

    private static void Experts(List<LlmTensor> list, LlmArchitecture a, string p, int i)
    {
        var m = a.Moe!;
        list.Add(new(p + "ffn_gate_inp.weight", TensorRole.Router, i, m.Experts, a.Hidden));
        Bias(list, m.RouterBias, p + "exp_probs_b.bias", i, m.Experts);
        Mlp(list, a, p, i, m.ExpertIntermediate, "_exps", TensorRole.ExpertGate, TensorRole.ExpertUp, TensorRole.ExpertDown, bias: false, m.Experts);
        if (m.SharedIntermediate > 0)
        {
            Mlp(list, a, p, i, m.SharedIntermediate, "_shexp", TensorRole.SharedGate, TensorRole.SharedUp, TensorRole.SharedDown, bias: false);
            if (m.SharedExpertGate)
            {
                list.Add(new(p + "ffn_gate_inp_shexp.weight", TensorRole.Router, i, 1, a.Hidden));
            }
        }
    }

    private static void Bias(List<LlmTensor> list, bool enabled, string name, int layer, long width)
    {
        if (enabled)
        {
            list.Add(new(name, TensorRole.Bias, layer, 1, width));
        }
    }
}
