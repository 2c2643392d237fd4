using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>Clip: a lower and an upper bound, one comparison each (2 FLOPs per element; one when a bound is absent).
/// Bounds are attributes before opset 11 and inputs from 11 on.</summary>
public sealed class ClipHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var bounds = context.Opset < 11
            ? (context.HasAttribute("min") ? 1 : 0) + (context.HasAttribute("max") ? 1 : 0)
            : (context.HasInput(1) ? 1 : 0) + (context.HasInput(2) ? 1 : 0);
        TensorValue? value = null;
        if (input.Value is { Ints: { } ints } && context.Opset >= 11)
        {
            var lo = context.TryValue(1)?.AsLong(0) ?? long.MinValue;
            var hi = context.TryValue(2)?.AsLong(0) ?? long.MaxValue;
            // ONNX: with min above max every value becomes max (Math.Clamp would throw on such a hostile model).
            value = TensorValue.FromInts(ints.Select(v => Math.Min(Math.Max(v, lo), hi)).ToArray());
        }

        context.SetOutput(0, input.DataType, input.Shape, value);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(context.Shape(0)), bounds));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => InputRole.Data;
}
