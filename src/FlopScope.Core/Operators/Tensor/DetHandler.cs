using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Det(X [*, M, M]): determinants of shape [*]. Cost: an LU factorization per matrix, counted as
/// floor(2·M³ / 3) FLOPs.</summary>
public sealed class DetHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        if (shape.Rank < 2 || (shape[shape.Rank - 1].IsKnown && shape[shape.Rank - 2].IsKnown && shape[shape.Rank - 1].Value != shape[shape.Rank - 2].Value))
        {
            throw context.Invalid($"input {shape} is not a batch of square matrices");
        }

        var output = new TensorShape(shape.Dims.Take(shape.Rank - 2));
        context.SetOutput(0, context.TypeOf(0), output);
        var m = ShapeMath.Elements(new TensorShape([shape[shape.Rank - 1]]));
        context.AddFlops(checked(ShapeMath.Elements(output) * (2 * m * m * m / 3)));
    }
}
