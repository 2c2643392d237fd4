using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Compress(input, condition): keeps the slices along <c>axis</c> (or elements of the flattened input when no axis)
/// whose condition is true. The kept count is known when the condition's values are, otherwise unknown. 0 FLOPs.
/// </summary>
public sealed class CompressHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var condition = context.TryValue(1);
        var conditionShape = context.Shape(1);
        if (conditionShape.Rank != 1)
        {
            throw context.Invalid($"condition {conditionShape} must be 1-D");
        }

        Dim kept = condition is not null ? condition.ToLongs().Count(c => c != 0) : Dim.Unknown("Compress");
        if (context.HasAttribute("axis"))
        {
            var axis = ShapeMath.Axis(context, context.Int("axis"), shape.Rank);
            var dims = shape.Dims.ToArray();
            if (conditionShape[0].IsKnown && dims[axis].IsKnown && conditionShape[0].Value > dims[axis].Value)
            {
                throw context.Invalid($"condition {conditionShape} is longer than dimension {dims[axis].Value} of axis {axis}");
            }

            dims[axis] = kept;
            context.SetOutput(0, context.TypeOf(0), new TensorShape(dims));
        }
        else
        {
            context.SetOutput(0, context.TypeOf(0), new TensorShape([kept]));
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
