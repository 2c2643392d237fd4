using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>OneHot(indices, depth, values): inserts a dimension of size depth at <c>axis</c> (default -1, counted
/// against the output rank); output type is that of values. Unknown depth gives an unknown dimension. 0 FLOPs.</summary>
public sealed class OneHotHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var rank = shape.Rank + 1;
        var axis = ShapeMath.Axis(context, context.Int("axis", -1), rank);
        Dim depth = context.TryValue(1) is { Length: 1 } d ? (long)Math.Truncate(d.AsDouble(0)) : Dim.Unknown("OneHot");
        if (depth.IsKnown && depth.Value < 1)
        {
            throw context.Invalid($"depth {depth.Value} must be positive");
        }

        var dims = shape.Dims.ToList();
        dims.Insert(axis, depth);
        context.SetOutput(0, context.TypeOf(2), new TensorShape(dims));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 2 ? InputRole.Data : InputRole.Control;
}
