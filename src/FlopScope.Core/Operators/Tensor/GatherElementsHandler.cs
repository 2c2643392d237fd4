using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// GatherElements(data, indices) along <c>axis</c>: output has the shape of indices (same rank as data), each element
/// picked from data at the index given along the axis. Values are gathered when both are known. 0 FLOPs.
/// </summary>
public sealed class GatherElementsHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var data = context.Input(0);
        var dataShape = context.Shape(0);
        var indexShape = context.Shape(1);
        if (dataShape.Rank != indexShape.Rank || dataShape.Rank == 0)
        {
            throw context.Invalid($"data {dataShape} and indices {indexShape} must have the same rank of 1 or more");
        }

        var axis = ShapeMath.Axis(context, context.Int("axis", 0), dataShape.Rank);
        Graph.TensorValue? value = null;
        if (dataShape.IsFullyKnown && indexShape.IsFullyKnown && data.Value is { } v && context.TryValue(1) is { } iv)
        {
            var dims = dataShape.ToArray();
            var strides = TensorValues.Strides(dims);
            var indexStrides = TensorValues.Strides(indexShape.ToArray());
            var indices = iv.ToLongs();
            value = TensorValues.Map(v, indexShape.ToArray(), coords =>
            {
                long index = 0;
                for (var i = 0; i < coords.Length; i++)
                {
                    var c = i == axis ? GatherHandler.Normalize(context, indices[TensorValues.Flat(coords, indexStrides)], dims[axis]) : coords[i];
                    index += c * strides[i];
                }

                return index;
            });
        }

        context.SetOutput(0, data.DataType, indexShape, value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
