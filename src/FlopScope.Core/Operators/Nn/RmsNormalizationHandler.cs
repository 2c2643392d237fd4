using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// RMSNormalization (opset 23): Y = X / sqrt(mean(X^2 over axes [axis, rank)) + epsilon) * scale. Cost: per element
/// 4 (square, sum, scale by 1/rms, gamma); per normalized row 4 (mean divide, epsilon add, sqrt, reciprocal), as
/// com.microsoft SimplifiedLayerNormalization and LayerNormalization count them.
/// </summary>
public sealed class RmsNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = ShapeMath.Axis(context, context.Int("axis", -1), shape.Rank);
        var outputType = context.HasInput(1) ? context.TypeOf(1) : input.DataType;
        context.SetOutput(0, outputType, shape);
        var elements = ShapeMath.Elements(shape);
        var rows = NnShapes.Product(shape, 0, axis);
        context.AddFlops(checked(Elementwise.FloatCost.Of(input.DataType, elements, 4) + Elementwise.FloatCost.Of(input.DataType, rows, 4)));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Scale : InputRole.Data;
}
