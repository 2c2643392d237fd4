using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Gather(data, indices) along <c>axis</c>: output shape data[:axis] + indices.shape + data[axis+1:]. Negative indices
/// count from the back. Values are gathered when both inputs are known (Shape -> Gather picks one dimension). A lookup,
/// 0 FLOPs; a stored data input is an embedding table.
/// </summary>
public sealed class GatherHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var data = context.Input(0);
        var dataShape = context.Shape(0);
        var indexShape = context.Shape(1);
        if (dataShape.Rank == 0)
        {
            throw context.Invalid("data must have rank 1 or more");
        }

        var axis = ShapeMath.Axis(context, context.Int("axis", 0), dataShape.Rank);
        var output = new TensorShape(dataShape.Dims.Take(axis).Concat(indexShape.Dims).Concat(dataShape.Dims.Skip(axis + 1)));
        var indices = context.TryValue(1)?.ToLongs();
        var axisDim = dataShape[axis];
        if (indices is not null && axisDim.IsKnown)
        {
            indices = indices.Select(i => Normalize(context, i, axisDim.Value)).ToArray();
        }

        TensorValue? value = null;
        if (indices is not null && dataShape.IsFullyKnown && output.IsFullyKnown && data.Value is { } v)
        {
            var dims = dataShape.ToArray();
            var strides = TensorValues.Strides(dims);
            var indexRank = indexShape.Rank;
            var indexStrides = TensorValues.Strides(indexShape.ToArray());
            value = TensorValues.Map(v, output.ToArray(), coords =>
            {
                long index = 0;
                for (var i = 0; i < axis; i++)
                {
                    index += coords[i] * strides[i];
                }

                long flatIndex = 0;
                for (var i = 0; i < indexRank; i++)
                {
                    flatIndex += coords[axis + i] * indexStrides[i];
                }

                index += indices[flatIndex] * strides[axis];
                for (var i = axis + 1; i < dims.Length; i++)
                {
                    index += coords[i - 1 + indexRank] * strides[i];
                }

                return index;
            });
        }

        context.SetOutput(0, data.DataType, output, value);
    }

    /// <summary>Brings index <paramref name="index"/> into [0, <paramref name="dim"/>), rejecting out-of-range ones.</summary>
    public static long Normalize(NodeContext context, long index, long dim)
    {
        var i = index < 0 ? index + dim : index;
        return i >= 0 && i < dim ? i : throw context.Invalid($"index {index} is out of range for dimension {dim}");
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Embedding : InputRole.Control;
}
