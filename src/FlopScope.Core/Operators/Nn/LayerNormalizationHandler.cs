using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// LayerNormalization (opset 17): statistics over axes [axis, rank); Y has X's shape; the optional Mean and
/// InvStdDev outputs have X's leading dims to <c>axis</c> followed by ones, in the stash_type element type (default
/// float). Cost (<see cref="NormalizationCost"/>): per element 5 + 1 scale + 1 bias when B is given; per normalized
/// row 5.
/// </summary>
public sealed class LayerNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = ShapeMath.Axis(context, context.Int("axis", -1), shape.Rank);
        context.SetOutput(0, input.DataType, shape);
        var statistics = new TensorShape(shape.Dims.Select((d, i) => i < axis ? d : Dim.Of(1)));
        var stashType = NnShapes.TypeFromAttribute(context, context.Int("stash_type", 1));
        context.SetOutput(1, stashType, statistics);
        context.SetOutput(2, stashType, statistics);

        var elements = ShapeMath.Elements(shape);
        var rows = NnShapes.Product(shape, 0, axis);
        context.AddFlops(NormalizationCost.Of(input.DataType, elements, rows, context.HasInput(2) ? 2 : 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index is 1 or 2 ? InputRole.Scale : InputRole.Data;
}
