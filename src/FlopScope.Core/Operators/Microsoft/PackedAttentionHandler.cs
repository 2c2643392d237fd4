using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Linear;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft Attention: the Q/K/V input projection fused with multi-head attention. input [batch, seq, in_hidden],
/// weights [in_hidden, hidden + hidden + v_hidden] (<c>qkv_hidden_sizes</c>, else three equal parts), optional bias,
/// mask_index, past [2, batch, heads, past, head] and attention_bias. Outputs: [batch, seq, v_hidden] and present
/// [2, batch, heads, past + seq, head] (the past buffer's length when <c>past_present_share_buffer</c> is set).
/// MACs = batch x seq x in_hidden x (hidden + hidden + v_hidden) for the projection, plus <see cref="AttentionCost"/>;
/// FLOPs: one per projected element for the bias, the attention rule with mask, attention_bias and
/// <c>unidirectional</c> as additive terms, and 3 per rotated Q and K element with <c>do_rotary</c>.
/// </summary>
public sealed class PackedAttentionHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Shape(0);
        var w = context.Shape(1);
        if (x.Rank != 3 || w.Rank != 2)
        {
            throw context.Invalid($"input must be 3-D and weights 2-D, got {x} and {w}");
        }

        DimArithmetic.RequireEqual(context, w[0], x[2], "weights rows and input hidden size");
        var heads = context.Int("num_heads");
        var sizes = context.IntList("qkv_hidden_sizes") is { Length: 3 } q ? q : null;
        if (sizes is null)
        {
            var total = DimArithmetic.Known(w[1], "projected width");
            if (total % 3 != 0)
            {
                throw context.Invalid($"projected width {total} is not three equal parts; qkv_hidden_sizes needed");
            }

            sizes = [total / 3, total / 3, total / 3];
        }
        else if (w[1].IsKnown && w[1].Value != sizes.Sum())
        {
            throw context.Invalid($"weights width {w[1].Value} differs from qkv_hidden_sizes sum {sizes.Sum()}");
        }

        var head = DimArithmetic.Divide(context, sizes[0], heads, "hidden size over num_heads");
        var vHead = DimArithmetic.Divide(context, sizes[2], heads, "v hidden size over num_heads");
        Dim batch = x[0], seq = x[1];
        Dim totalSequence = seq;
        Dim presentLength = seq;
        if (context.HasInput(4))
        {
            var past = context.Shape(4);
            if (past.Rank != 5)
            {
                throw context.Invalid($"past must be 5-D, got {past}");
            }

            if (context.Int("past_present_share_buffer", 0) != 0)
            {
                presentLength = past[3];
                totalSequence = context.TryValue(6) is { Length: > 0 } p ? DimArithmetic.Add(p.AsLong(0), seq, "Attention") : past[3];
            }
            else
            {
                totalSequence = presentLength = DimArithmetic.Add(past[3], seq, "Attention");
            }
        }

        var type = context.TypeOf(0);
        context.SetOutput(0, type, new TensorShape([batch, seq, sizes[2]]));
        context.SetOutput(1, type, new TensorShape([2, batch, heads, presentLength, head]));

        var tokens = checked(DimArithmetic.Known(batch, "batch size") * DimArithmetic.Known(seq, "sequence length"));
        var projected = sizes.Sum();
        context.AddMacs(checked(tokens * DimArithmetic.Known(x[2], "input hidden size") * projected));
        if (context.HasInput(2))
        {
            context.AddFlops(Elementwise.FloatCost.Of(type, checked(tokens * projected), 1));
        }

        if (context.Int("do_rotary", 0) != 0)
        {
            var rotary = context.Int("rotary_embedding_dim", 0) is > 0 and var r ? r : head.Value;
            context.AddFlops(Elementwise.FloatCost.Of(type, checked(tokens * 2 * heads * rotary), 3));
        }

        var additive = (context.HasInput(3) ? 1 : 0) + (context.HasInput(5) ? 1 : 0) + (context.Int("unidirectional", 0) != 0 ? 1 : 0);
        AttentionCost.Add(context, type, batch, heads, seq, totalSequence, head, vHead, additive, softcap: false);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        1 => InputRole.Weight,
        2 => InputRole.Bias,
        6 => InputRole.Control,
        _ => InputRole.Data,
    };
}
