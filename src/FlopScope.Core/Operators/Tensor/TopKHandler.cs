using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// TopK: values and int64 indices with the <c>axis</c> dimension (default -1) replaced by k, from the K input (opset
/// 10+) or the <c>k</c> attribute (before 10); an unknown K gives an unknown dimension. Cost: one comparison per input
/// element on floating-point data (the linear part of selection; the log k heap factor is not counted).
/// </summary>
public sealed class TopKHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = ShapeMath.Axis(context, context.Int("axis", -1), shape.Rank);
        Dim k = context.Opset < 10
            ? context.Int("k")
            : context.TryValue(1) is { Length: 1 } kv ? kv.AsLong(0) : Dim.Unknown("TopK");
        if (k.IsKnown && shape[axis].IsKnown && k.Value > shape[axis].Value)
        {
            throw context.Invalid($"k {k.Value} exceeds dimension {shape[axis].Value} of axis {axis}");
        }

        var dims = shape.Dims.ToArray();
        dims[axis] = k;
        var output = new TensorShape(dims);
        context.SetOutput(0, input.DataType, output);
        context.SetOutput(1, DataType.Int64, output);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(shape), 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
