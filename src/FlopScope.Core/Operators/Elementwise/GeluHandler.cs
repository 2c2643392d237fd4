using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>Gelu (opset 20). Exact: x/sqrt2, erf, +1, x*, *0.5 = 5 FLOPs per element. approximate="tanh":
/// x^3, *0.044715, +x, *sqrt(2/pi), tanh, +1, x*, *0.5 = 9 (x^3 as two multiplies).</summary>
public sealed class GeluHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        context.SetOutput(0, input.DataType, input.Shape);
        var perElement = context.String("approximate", "none") == "tanh" ? 9 : 5;
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(context.Shape(0)), perElement));
    }
}
