using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// LRN (local response normalization across channels): y = x / (bias + alpha / size * sum of x^2 over
/// <c>size</c> neighbouring channels)^beta. Cost per element: size + 4 (square 1, window sum size - 1, scale by
/// alpha / size 1, add bias 1, power 1, divide 1).
/// </summary>
public sealed class LrnHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var size = context.Int("size");
        if (size <= 0)
        {
            throw context.Invalid($"size must be positive, not {size}");
        }

        if (shape.Rank < 2)
        {
            throw context.Invalid($"input of rank {shape.Rank} has no channel axis");
        }

        context.SetOutput(0, input.DataType, shape);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(shape), checked(size + 4)));
    }
}
