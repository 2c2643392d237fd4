using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// Softmax, LogSoftmax and Hardmax. From opset 13 the op normalizes along <c>axis</c> (default -1); before 13 the
/// input is coerced to 2-D [prod(dims before axis), prod(dims from axis)] (axis default 1) and the op normalizes each
/// row. The output has the input's shape. Cost, counting each reduction as one operation per element: Softmax 5 per
/// element (max, subtract, exp, sum, divide); LogSoftmax 5 per element (max, subtract, exp, sum, subtract log-sum)
/// plus one log per normalized row; Hardmax 1 per element (max).
/// </summary>
/// <param name="kind">The op.</param>
public sealed class SoftmaxHandler(SoftmaxKind kind) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var coerced = context.Opset < 13;
        var axis = coerced
            ? CoercedAxis(context, context.Int("axis", 1), shape.Rank)
            : ShapeMath.Axis(context, context.Int("axis", -1), shape.Rank);
        context.SetOutput(0, input.DataType, shape);

        var elements = ShapeMath.Elements(shape);
        var perElement = kind == SoftmaxKind.Hardmax ? 1 : 5;
        context.AddFlops(FloatCost.Of(input.DataType, elements, perElement));
        if (kind == SoftmaxKind.LogSoftmax && shape.Rank > 0)
        {
            var rows = coerced
                ? NnShapes.Product(shape, 0, axis)
                : checked(NnShapes.Product(shape, 0, axis) * NnShapes.Product(shape, axis + 1, shape.Rank));
            context.AddFlops(FloatCost.Of(input.DataType, rows, 1));
        }
    }

    /// <summary>The opset 1-12 axis: in [-rank, rank] (rank itself coerces to [N, 1]).</summary>
    private static int CoercedAxis(NodeContext context, long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a <= rank ? (int)a : throw context.Invalid($"axis {axis} is out of range for rank {rank}");
    }
}
