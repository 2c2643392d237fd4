using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// Attention (opset 23): Q, K, V either 4-D [batch, heads, seq, head_size] or 3-D [batch, seq, heads x head_size]
/// (then <c>q_num_heads</c> and <c>kv_num_heads</c> are required), optional attn_mask, past_key/past_value (total key
/// length = past + kv length). Outputs Y, present_key, present_value and qk_matmul_output.
/// Cost: <see cref="AttentionCost"/>; the additive terms are attn_mask and the causal mask (<c>is_causal</c>).
/// </summary>
public sealed class AttentionHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var q = context.Shape(0);
        var k = context.Shape(1);
        var v = context.Shape(2);
        if (q.Rank != k.Rank || q.Rank != v.Rank || q.Rank is not (3 or 4))
        {
            throw context.Invalid($"Q, K and V must all be 3-D or all 4-D, got {q}, {k} and {v}");
        }

        Dim batch = q[0], qHeads, kvHeads, qSeq, kvSeq, head, vHead;
        if (q.Rank == 4)
        {
            (qHeads, qSeq, head) = (q[1], q[2], q[3]);
            (kvHeads, kvSeq) = (k[1], k[2]);
            vHead = v[3];
            DimArithmetic.RequireEqual(context, k[3], head, "Q and K head sizes");
            DimArithmetic.RequireEqual(context, v[1], kvHeads, "K and V head counts");
            DimArithmetic.RequireEqual(context, v[2], kvSeq, "K and V sequence lengths");
        }
        else
        {
            var qn = context.Int("q_num_heads", 0);
            var kvn = context.Int("kv_num_heads", 0);
            if (qn <= 0 || kvn <= 0)
            {
                throw context.Invalid("3-D inputs need positive q_num_heads and kv_num_heads attributes");
            }

            (qHeads, kvHeads, qSeq, kvSeq) = (qn, kvn, q[1], k[1]);
            head = DimArithmetic.Divide(context, q[2], qn, "Q hidden size over q_num_heads");
            DimArithmetic.RequireEqual(context, DimArithmetic.Divide(context, k[2], kvn, "K hidden size over kv_num_heads"), head, "Q and K head sizes");
            vHead = DimArithmetic.Divide(context, v[2], kvn, "V hidden size over kv_num_heads");
            DimArithmetic.RequireEqual(context, v[1], kvSeq, "K and V sequence lengths");
        }

        DimArithmetic.RequireEqual(context, k[0], batch, "Q and K batch sizes");
        DimArithmetic.RequireEqual(context, v[0], batch, "Q and V batch sizes");
        if (qHeads.IsKnown && kvHeads.IsKnown && (kvHeads.Value == 0 || qHeads.Value % kvHeads.Value != 0))
        {
            throw context.Invalid($"{qHeads.Value} query heads are not a multiple of {kvHeads.Value} key/value heads");
        }

        var total = kvSeq;
        if (context.HasInput(4))
        {
            var past = context.Shape(4);
            if (past.Rank != 4)
            {
                throw context.Invalid($"past_key must be 4-D, got {past}");
            }

            total = DimArithmetic.Add(past[2], kvSeq, "Attention");
        }

        var type = context.TypeOf(0);
        context.SetOutput(0, type, q.Rank == 4
            ? new TensorShape([batch, qHeads, qSeq, vHead])
            : new TensorShape([batch, qSeq, DimArithmetic.Multiply(qHeads, vHead, "Attention")]));
        context.SetOutput(1, context.TypeOf(1), new TensorShape([batch, kvHeads, total, head]));
        context.SetOutput(2, context.TypeOf(2), new TensorShape([batch, kvHeads, total, vHead]));
        context.SetOutput(3, type, new TensorShape([batch, qHeads, qSeq, total]));

        var additive = (context.HasInput(3) ? 1 : 0) + (context.Int("is_causal", 0) != 0 ? 1 : 0);
        AttentionCost.Add(context, type, batch, qHeads, qSeq, total, head, vHead, additive, context.Float("softcap", 0f) > 0f);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 6 ? InputRole.Control : InputRole.Data;
}
