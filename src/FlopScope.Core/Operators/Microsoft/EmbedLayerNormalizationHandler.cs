using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft EmbedLayerNormalization: word, position (and optional segment) embedding lookups summed, then
/// LayerNorm. Outputs: output and embedding_sum [batch, seq, hidden], mask_index [batch] (int32).
/// FLOPs per element: 1 add (word + position) + 1 with segment embeddings + 7 LayerNorm (see
/// <see cref="NormalizationHandler"/>); per row 5.
/// </summary>
public sealed class EmbedLayerNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var ids = context.Shape(0);
        if (ids.Rank != 2)
        {
            throw context.Invalid($"input_ids must be 2-D, got {ids}");
        }

        var word = context.Shape(2);
        if (word.Rank != 2)
        {
            throw context.Invalid($"word_embedding must be 2-D, got {word}");
        }

        var position = context.Shape(3);
        Linear.DimArithmetic.RequireEqual(context, position[position.Rank - 1], word[1], "word and position embedding widths");
        var type = context.TypeOf(2);
        var output = new TensorShape([ids[0], ids[1], word[1]]);
        context.SetOutput(0, type, output);
        context.SetOutput(1, DataType.Int32, new TensorShape([ids[0]]));
        context.SetOutput(2, type, output);

        var elements = ShapeMath.Elements(output);
        var rows = checked(Linear.DimArithmetic.Known(ids[0], "batch size") * Linear.DimArithmetic.Known(ids[1], "sequence length"));
        var perElement = 1 + (context.HasInput(4) ? 1 : 0) + 7;
        context.AddFlops(Elementwise.FloatCost.Of(type, checked((elements * perElement) + (rows * 5)), 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        0 or 1 or 8 => InputRole.Control,
        2 or 3 or 4 => InputRole.Embedding,
        5 or 6 => InputRole.Scale,
        _ => InputRole.Data,
    };
}
