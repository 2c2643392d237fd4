using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Squeeze: removes the listed size-1 axes (attribute <c>axes</c> before opset 13, optional input from 13), or every
/// size-1 axis when none are listed. Values pass through. 0 FLOPs.
/// </summary>
public sealed class SqueezeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var listed = TensorValues.AxesAttributeOrInput(context, "axes", 13, 1);
        var remove = new bool[shape.Rank];
        if (listed is { Length: > 0 })
        {
            foreach (var a in listed)
            {
                var axis = ShapeMath.Axis(context, a, shape.Rank);
                if (shape[axis].IsKnown && shape[axis].Value != 1)
                {
                    throw context.Invalid($"axis {a} has size {shape[axis].Value}, not 1");
                }

                remove[axis] = true;
            }
        }
        else
        {
            for (var i = 0; i < shape.Rank; i++)
            {
                if (!shape[i].IsKnown)
                {
                    throw new UnresolvedException($"Squeeze without axes on {shape}: whether dimension {i} is 1 is unknown");
                }

                remove[i] = shape[i].Value == 1;
            }
        }

        var output = new TensorShape(shape.Dims.Where((_, i) => !remove[i]));
        context.SetOutput(0, input.DataType, output, input.Value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
