using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// LpNormalization: X / ||X||_p along <c>axis</c> (default -1), p 1 or 2. Cost: per element 3 (|x| or x^2, sum,
/// divide); p = 2 adds one sqrt per normalized vector.
/// </summary>
public sealed class LpNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = ShapeMath.Axis(context, context.Int("axis", -1), shape.Rank);
        var p = context.Int("p", 2);
        if (p is not (1 or 2))
        {
            throw context.Invalid($"p must be 1 or 2, not {p}");
        }

        context.SetOutput(0, input.DataType, shape);
        var elements = ShapeMath.Elements(shape);
        var vectors = checked(NnShapes.Product(shape, 0, axis) * NnShapes.Product(shape, axis + 1, shape.Rank));
        context.AddFlops(checked(FloatCost.Of(input.DataType, elements, 3) + (p == 2 ? FloatCost.Of(input.DataType, vectors, 1) : 0)));
    }
}
