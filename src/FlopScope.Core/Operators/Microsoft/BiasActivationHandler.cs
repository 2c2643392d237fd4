using FlopScope.Inference;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft elementwise fusions: the output has the broadcast shape of the inputs; FLOPs per output element are
/// the activation's figure plus one add per extra operand present (bias, skip). Gelu (erf form) 5, FastGelu (tanh
/// form) 9, QuickGelu x sigmoid(alpha x) 5 (multiply, sigmoid 3, multiply), BiasAdd 0 (+2 adds).
/// </summary>
/// <param name="activationFlops">FLOPs per element of the activation.</param>
public sealed class BiasActivationHandler(int activationFlops) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var present = Enumerable.Range(0, context.InputCount).Where(context.HasInput).ToArray();
        var shape = ShapeMath.Broadcast(context, present.Select(context.Shape).ToArray());
        var type = context.TypeOf(0);
        context.SetOutput(0, type, shape);
        var perElement = activationFlops + present.Length - 1;
        context.AddFlops(Elementwise.FloatCost.Of(type, ShapeMath.Elements(shape), perElement));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Bias : InputRole.Data;
}
