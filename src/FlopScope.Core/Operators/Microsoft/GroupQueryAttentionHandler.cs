using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Linear;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft GroupQueryAttention. query [batch, seq, num_heads x head] (or packed QKV of width
/// (num_heads + 2 kv_num_heads) x head when key is omitted), key/value [batch, seq, kv_num_heads x head], past_key/value
/// [batch, kv_num_heads, past, head], total_sequence_length (scalar, input 6). Total key length T = the value of
/// total_sequence_length, else past + seq (noted). present_key/value [batch, kv_num_heads, max(past, T), head] (a shared
/// buffer keeps its length); output [batch, seq, num_heads x head]; output_qk [batch, num_heads, seq, T].
/// Cost: <see cref="AttentionCost"/> over T with attention_bias and the causal mask (<c>causal</c>, default 1) as
/// additive terms and <c>softcap</c>; <c>do_rotary</c> adds 3 FLOPs per rotated Q and K element (rotary width
/// 2 x cos_cache's last dimension, else head); q/k_norm_weight add an RMS norm on Q and K (4 per element, 4 per head
/// vector).
/// </summary>
public sealed class GroupQueryAttentionHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var heads = context.Int("num_heads");
        var kvHeads = context.Int("kv_num_heads");
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0)
        {
            throw context.Invalid($"num_heads {heads} must be a positive multiple of kv_num_heads {kvHeads}");
        }

        var q = context.Shape(0);
        if (q.Rank != 3)
        {
            throw context.Invalid($"query must be 3-D, got {q}");
        }

        Dim batch = q[0], seq = q[1];
        Dim head;
        if (context.HasInput(1))
        {
            head = DimArithmetic.Divide(context, q[2], heads, "query hidden size over num_heads");
            var k = context.Shape(1);
            if (k.Rank != 3)
            {
                throw context.Invalid($"key must be 3-D, got {k}");
            }

            DimArithmetic.RequireEqual(context, DimArithmetic.Divide(context, k[2], kvHeads, "key hidden size over kv_num_heads"), head, "key and query head sizes");
        }
        else
        {
            head = DimArithmetic.Divide(context, q[2], heads + (2 * kvHeads), "packed QKV width over (num_heads + 2 kv_num_heads)");
        }

        Dim past = 0;
        if (context.HasInput(3))
        {
            var pk = context.Shape(3);
            if (pk.Rank != 4)
            {
                throw context.Invalid($"past_key must be 4-D, got {pk}");
            }

            DimArithmetic.RequireEqual(context, pk[1], kvHeads, "past_key heads and kv_num_heads");
            past = pk[2];
        }

        Dim total;
        if (context.TryValue(6) is { Length: > 0 } t)
        {
            total = t.AsLong(0);
        }
        else
        {
            total = DimArithmetic.Add(past, seq, "GroupQueryAttention");
            context.Note("total_sequence_length unknown: past + new length assumed");
        }

        var present = past.IsKnown && total.IsKnown ? Math.Max(past.Value, total.Value) : context.HasInput(3) ? Dim.Unknown("GroupQueryAttention") : total;
        var type = context.TypeOf(0);
        context.SetOutput(0, type, new TensorShape([batch, seq, DimArithmetic.Multiply(heads, head, "GroupQueryAttention")]));
        var cacheType = context.HasInput(3) ? context.TypeOf(3) : type;
        context.SetOutput(1, cacheType, new TensorShape([batch, kvHeads, present, head]));
        context.SetOutput(2, cacheType, new TensorShape([batch, kvHeads, present, head]));
        context.SetOutput(3, type, new TensorShape([batch, heads, seq, total]));

        var tokens = checked(DimArithmetic.Known(batch, "batch size") * DimArithmetic.Known(seq, "sequence length"));
        var headSize = DimArithmetic.Known(head, "head size");
        if (context.HasInput(14))
        {
            var vectors = checked(tokens * (heads + kvHeads));
            context.AddFlops(Elementwise.FloatCost.Of(type, checked((vectors * headSize * 4) + (vectors * 4)), 1));
        }

        if (context.Int("do_rotary", 0) != 0)
        {
            var rotary = context.HasInput(7) && context.Input(7).Shape is { Rank: 2 } cos && cos[1].IsKnown ? Math.Min(2 * cos[1].Value, headSize) : headSize;
            context.AddFlops(Elementwise.FloatCost.Of(type, checked(tokens * (heads + kvHeads) * rotary), 3));
        }

        var additive = (context.HasInput(10) ? 1 : 0) + (context.Int("causal", 1) != 0 ? 1 : 0);
        AttentionCost.Add(context, type, batch, heads, seq, total, head, head, additive, context.Float("softcap", 0f) > 0f);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        5 or 6 or 9 => InputRole.Control,
        14 or 15 => InputRole.Scale,
        _ => InputRole.Data,
    };
}
