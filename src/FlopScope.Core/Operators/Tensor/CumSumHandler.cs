using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>CumSum(x, axis): running sums along axis; output shape is the input's. Cost: 1 FLOP (an add) per element on
/// floating-point data, 0 on integers.</summary>
public sealed class CumSumHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (context.TryValue(1) is { Length: 1 } axis)
        {
            ShapeMath.Axis(context, axis.AsLong(0), shape.Rank);
        }

        context.SetOutput(0, input.DataType, shape);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(shape), 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
