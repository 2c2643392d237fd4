using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Unsqueeze: inserts size-1 axes at the listed positions of the output (attribute <c>axes</c> before opset 13, input
/// from 13; negative from opset 11, counted against the output rank). Values pass through. 0 FLOPs.
/// </summary>
public sealed class UnsqueezeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axes = TensorValues.AxesAttributeOrInput(context, "axes", 13, 1) ?? throw context.Invalid("needs axes");
        var rank = shape.Rank + axes.Length;
        var inserted = new bool[rank];
        foreach (var a in axes)
        {
            var axis = ShapeMath.Axis(context, a, rank);
            if (inserted[axis])
            {
                throw context.Invalid($"axis {a} is repeated");
            }

            inserted[axis] = true;
        }

        var dims = new Dim[rank];
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            dims[i] = inserted[i] ? 1 : shape[next++];
        }

        context.SetOutput(0, input.DataType, new TensorShape(dims), input.Value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
