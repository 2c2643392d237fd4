using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// InstanceNormalization: statistics per (n, c) over the spatial axes of N x C x D1 x ...; scale and B have shape C.
/// Cost (<see cref="NormalizationCost"/>): per element 5 + 2 (scale, bias); per (n, c) instance 5.
/// </summary>
public sealed class InstanceNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (shape.Rank < 2)
        {
            throw context.Invalid($"input of rank {shape.Rank} has no channel axis");
        }

        GroupNormalizationHandler.CheckChannelVector(context, 1, shape[1]);
        GroupNormalizationHandler.CheckChannelVector(context, 2, shape[1]);
        context.SetOutput(0, input.DataType, shape);
        context.AddFlops(NormalizationCost.Of(input.DataType, ShapeMath.Elements(shape), NnShapes.Product(shape, 0, 2), 2));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index is 1 or 2 ? InputRole.Scale : InputRole.Data;
}
