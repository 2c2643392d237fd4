using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// ConstantOfShape(shape): a tensor of the given shape filled with the one-element <c>value</c> attribute (float 0 when
/// absent). Values are propagated for small outputs when the fill value is known. 0 FLOPs (a fill is data movement).
/// </summary>
public sealed class ConstantOfShapeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var dims = context.Ints(0);
        if (dims.Any(d => d < 0))
        {
            throw context.Invalid($"negative dimension in shape [{string.Join(",", dims)}]");
        }

        var type = DataType.Float;
        double? fill = 0;
        if (context.HasAttribute("value"))
        {
            var tensor = context.Attribute("value").Tensor ?? throw context.Invalid("attribute 'value' holds no tensor");
            if (tensor.ElementCount != 1)
            {
                throw context.Invalid($"attribute 'value' must hold one element, holds {tensor.ElementCount}");
            }

            type = tensor.DataType;
            fill = tensor.Values is { Length: 1 } v ? v.AsDouble(0) : null;
        }

        var shape = new TensorShape(dims);
        var count = ShapeMath.Elements(shape);
        var value = fill is { } f && TensorValues.Fits(count) ? TensorValues.Filled(type, count, f) : null;
        context.SetOutput(0, type, shape, value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => InputRole.Control;
}
