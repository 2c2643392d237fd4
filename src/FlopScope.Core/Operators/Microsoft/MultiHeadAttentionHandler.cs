using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Linear;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft MultiHeadAttention. query [batch, seq, hidden] or packed QKV [batch, seq, heads, 3, head]; key
/// [batch, kv_seq, hidden], packed KV [batch, kv_seq, heads, 2, head] or projected [batch, heads, kv_seq, head]
/// (then past is not appended); value [batch, kv_seq, v_hidden] or [batch, heads, kv_seq, v_head]. Total key length =
/// past + kv_seq. Outputs [batch, seq, v_hidden], present_key/value [batch, heads, total, head], qk
/// [batch, heads, seq, total].
/// Cost: <see cref="AttentionCost"/> with key_padding_mask, attention_bias and <c>unidirectional</c> as additive
/// terms; the projection bias costs one FLOP per Q, K and V element it is added to.
/// </summary>
public sealed class MultiHeadAttentionHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var heads = context.Int("num_heads");
        var q = context.Shape(0);
        Dim batch = q[0], seq = q[1], head, vHead, kvSeq;
        var keyProjected = false;
        if (q.Rank == 5)
        {
            head = vHead = q[4];
            kvSeq = seq;
            DimArithmetic.RequireEqual(context, q[2], heads, "packed QKV heads and num_heads");
        }
        else if (q.Rank == 3)
        {
            head = DimArithmetic.Divide(context, q[2], heads, "hidden size over num_heads");
            var k = context.Shape(1);
            switch (k.Rank)
            {
                case 5:
                    kvSeq = k[1];
                    vHead = k[4];
                    DimArithmetic.RequireEqual(context, k[4], head, "packed KV and query head sizes");
                    break;
                case 4:
                    keyProjected = true;
                    kvSeq = k[2];
                    DimArithmetic.RequireEqual(context, k[3], head, "key and query head sizes");
                    var v4 = context.Shape(2);
                    vHead = v4.Rank == 4 ? v4[3] : throw context.Invalid($"value must be 4-D with a 4-D key, got {v4}");
                    break;
                case 3:
                    kvSeq = k[1];
                    DimArithmetic.RequireEqual(context, DimArithmetic.Divide(context, k[2], heads, "key hidden size over num_heads"), head, "key and query head sizes");
                    var v3 = context.Shape(2);
                    vHead = v3.Rank == 3 ? DimArithmetic.Divide(context, v3[2], heads, "value hidden size over num_heads") : throw context.Invalid($"value must be 3-D with a 3-D key, got {v3}");
                    break;
                default:
                    throw context.Invalid($"key must be 3-D, 4-D or 5-D, got {k}");
            }
        }
        else
        {
            throw context.Invalid($"query must be 3-D or packed 5-D, got {q}");
        }

        var total = kvSeq;
        if (!keyProjected && context.HasInput(6))
        {
            var past = context.Shape(6);
            total = past.Rank == 4 ? DimArithmetic.Add(past[2], kvSeq, "MultiHeadAttention") : throw context.Invalid($"past_key must be 4-D, got {past}");
        }

        var type = context.TypeOf(0);
        context.SetOutput(0, type, new TensorShape([batch, seq, DimArithmetic.Multiply(heads, vHead, "MultiHeadAttention")]));
        context.SetOutput(1, type, new TensorShape([batch, heads, total, head]));
        context.SetOutput(2, type, new TensorShape([batch, heads, total, vHead]));
        context.SetOutput(3, type, new TensorShape([batch, heads, seq, total]));

        if (context.HasInput(3))
        {
            var b = DimArithmetic.Known(batch, "batch size");
            var hidden = checked(heads * DimArithmetic.Known(head, "head size"));
            var biased = checked(b * DimArithmetic.Known(seq, "sequence length") * hidden);
            if (!keyProjected)
            {
                biased = checked(biased + (b * DimArithmetic.Known(kvSeq, "key length") * (hidden + (heads * DimArithmetic.Known(vHead, "value head size")))));
            }

            context.AddFlops(Elementwise.FloatCost.Of(type, biased, 1));
        }

        var additive = (context.HasInput(4) ? 1 : 0) + (context.HasInput(5) ? 1 : 0) + (context.Int("unidirectional", 0) != 0 ? 1 : 0);
        AttentionCost.Add(context, type, batch, heads, seq, total, head, vHead, additive, softcap: false);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        3 => InputRole.Bias,
        8 or 9 => InputRole.Control,
        _ => InputRole.Data,
    };
}
