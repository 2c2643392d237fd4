using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// GroupNormalization: statistics per (n, group) over C / num_groups channels and the spatial axes; scale and bias
/// have shape num_groups in opset 18 and C from opset 21. Cost (<see cref="NormalizationCost"/>): per element 5 + 2
/// (scale, bias); per (n, group) 5.
/// </summary>
public sealed class GroupNormalizationHandler : IOperatorHandler
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

        var groups = context.Int("num_groups");
        if (groups <= 0 || (shape[1].IsKnown && shape[1].Value % groups != 0))
        {
            throw context.Invalid($"num_groups {groups} does not divide the {shape[1]} channels");
        }

        var parameterSize = context.Opset >= 21 ? shape[1] : Dim.Of(groups);
        CheckChannelVector(context, 1, parameterSize);
        CheckChannelVector(context, 2, parameterSize);
        context.SetOutput(0, input.DataType, shape);
        var instances = checked(NnShapes.Product(shape, 0, 1) * groups);
        context.AddFlops(NormalizationCost.Of(input.DataType, ShapeMath.Elements(shape), instances, 2));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index is 1 or 2 ? InputRole.Scale : InputRole.Data;

    /// <summary>Checks that input <paramref name="index"/>, when present with a known shape, is a vector of
    /// <paramref name="size"/> elements.</summary>
    internal static void CheckChannelVector(NodeContext context, int index, Dim size)
    {
        if (context.OptionalInput(index)?.Shape is not { } shape)
        {
            return;
        }

        if (shape.Rank != 1 || (shape[0].IsKnown && size.IsKnown && shape[0].Value != size.Value))
        {
            throw context.Invalid($"input {index} has shape {shape}, expected a vector of {size}");
        }
    }
}
