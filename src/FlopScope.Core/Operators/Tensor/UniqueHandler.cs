using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Unique: outputs Y, indices, inverse_indices and counts. The number of unique elements (or slices along
/// <c>axis</c>) is data-dependent, so Y's unique dimension, indices and counts are unknown; inverse_indices has one
/// entry per input element (or per slice). Cost: one comparison per input element on floating-point data.
/// </summary>
public sealed class UniqueHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var unique = Dim.Unknown("Unique");
        Dim inverse;
        if (context.HasAttribute("axis"))
        {
            var axis = ShapeMath.Axis(context, context.Int("axis"), shape.Rank);
            var dims = shape.Dims.ToArray();
            inverse = dims[axis];
            dims[axis] = unique;
            context.SetOutput(0, input.DataType, new TensorShape(dims));
        }
        else
        {
            inverse = TensorValues.Product(shape.Dims, "Unique");
            context.SetOutput(0, input.DataType, new TensorShape([unique]));
        }

        context.SetOutput(1, DataType.Int64, new TensorShape([unique]));
        context.SetOutput(2, DataType.Int64, new TensorShape([inverse]));
        context.SetOutput(3, DataType.Int64, new TensorShape([unique]));
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(shape), 1));
    }
}
