using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>ImageScaler (opset 1-9): y = scale·x + bias[c] on [N, C, H, W]. Cost: 2 FLOPs per element.</summary>
public sealed class ImageScalerHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        if (shape.Rank != 4)
        {
            throw context.Invalid($"input {shape} must be [N, C, H, W]");
        }

        if (context.FloatList("bias") is { } bias && shape[1].IsKnown && bias.Length != shape[1].Value)
        {
            throw context.Invalid($"bias has {bias.Length} entries for {shape[1].Value} channels");
        }

        context.SetOutput(0, context.TypeOf(0), shape);
        context.AddFlops(FloatCost.Of(context.TypeOf(0), ShapeMath.Elements(shape), 2));
    }
}
