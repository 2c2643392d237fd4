using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// ScatterND, ScatterElements and the deprecated Scatter: the output has data's shape and type. Cost: 0 FLOPs for
/// reduction "none" (a copy); 1 FLOP per update element for add/mul/max/min on floating-point data.
/// </summary>
/// <param name="nd">True for ScatterND (updates shape indices.shape[:-1] + data.shape[q:]); false for the elementwise
/// forms (updates shaped like indices, same rank as data).</param>
public sealed class ScatterHandler(bool nd) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var data = context.Input(0);
        var dataShape = context.Shape(0);
        var indexShape = context.Shape(1);
        var updateShape = context.Shape(2);
        if (nd)
        {
            var q = indexShape.Rank > 0 ? indexShape[indexShape.Rank - 1] : default;
            if (indexShape.Rank == 0 || (q.IsKnown && q.Value > dataShape.Rank)
                || (q.IsKnown && updateShape.Rank != indexShape.Rank - 1 + dataShape.Rank - q.Value))
            {
                throw context.Invalid($"data {dataShape}, indices {indexShape} and updates {updateShape} do not fit");
            }
        }
        else
        {
            if (indexShape.Rank != dataShape.Rank || updateShape.Rank != indexShape.Rank)
            {
                throw context.Invalid($"data {dataShape}, indices {indexShape} and updates {updateShape} must have equal ranks");
            }

            ShapeMath.Axis(context, context.Int("axis", 0), dataShape.Rank);
        }

        context.SetOutput(0, data.DataType, dataShape);
        if (context.String("reduction", "none") != "none")
        {
            context.AddFlops(FloatCost.Of(data.DataType, ShapeMath.Elements(updateShape), 1));
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Control : InputRole.Data;
}
