using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// RotaryEmbedding (ONNX opset 23: X, cos_cache, sin_cache, position_ids; com.microsoft: input, position_ids,
/// cos_cache, sin_cache). X is 4-D [batch, heads, seq, head_size] or 3-D [batch, seq, hidden]; the output has X's
/// shape. Each rotated pair (x1, x2) becomes (x1 cos - x2 sin, x2 cos + x1 sin): 6 FLOPs per pair, so
/// FLOPs = 3 x rotated elements, where rotated elements = elements x rotary_dim / head_size
/// (rotary_dim from <c>rotary_embedding_dim</c>, else 2 x cos_cache's last dimension, capped at head_size).
/// </summary>
/// <param name="cosIndex">Position of cos_cache.</param>
/// <param name="positionIndex">Position of position_ids.</param>
public sealed class RotaryEmbeddingHandler(int cosIndex = 1, int positionIndex = 3) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Shape(0);
        if (x.Rank is not (3 or 4))
        {
            throw context.Invalid($"input must be 3-D or 4-D, got {x}");
        }

        var type = context.TypeOf(0);
        context.SetOutput(0, type, x);
        var dims = context.Dims(0);
        var heads = context.Int("num_heads", 0);
        var cos = context.Dims(cosIndex);
        var rotary = context.Int("rotary_embedding_dim", 0) is > 0 and var r ? r : checked(2 * cos[^1]);
        long headSize = x.Rank == 4 ? dims[3] : heads > 0 ? dims[2] / heads : rotary;
        if (x.Rank == 3 && heads > 0 && dims[2] % heads != 0)
        {
            throw context.Invalid($"hidden size {dims[2]} is not divisible by num_heads {heads}");
        }

        if (headSize <= 0 || rotary > headSize || rotary % 2 != 0)
        {
            throw context.Invalid($"rotary dimension {rotary} does not fit head size {headSize}");
        }

        var elements = ShapeMath.Product(dims);
        context.AddFlops(Elementwise.FloatCost.Of(type, checked(elements / headSize * rotary), 3));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == positionIndex ? InputRole.Control : InputRole.Data;
}
