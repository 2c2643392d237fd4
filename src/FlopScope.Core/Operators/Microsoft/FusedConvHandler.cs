using FlopScope.Inference;
using FlopScope.Operators.Linear;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft FusedConv: Conv (see <see cref="ConvHandler"/>: MACs and one FLOP per output for the bias) followed by
/// an optional <c>activation</c> (per output: Relu, Tanh 1; LeakyRelu, Clip 2; Sigmoid 3; HardSigmoid 4) and an optional
/// residual Z added (one FLOP per output).
/// </summary>
public sealed class FusedConvHandler : IOperatorHandler
{
    private static readonly ConvHandler Roles = new();

    /// <summary>FLOPs per element of the activations FusedConv and FusedGemm accept.</summary>
    public static int ActivationFlops(NodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activation = context.String("activation", string.Empty);
        return activation switch
        {
            "" => 0,
            "Relu" or "Tanh" => 1,
            "LeakyRelu" or "Clip" => 2,
            "Sigmoid" => 3,
            "HardSigmoid" => 4,
            _ => throw context.Invalid($"unknown activation '{activation}'"),
        };
    }

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var extra = ActivationFlops(context) + (context.HasInput(3) ? 1 : 0);
        new ConvHandler(extraFlopsPerOutput: extra).Infer(context);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => Roles.GetInputRole(index, context);
}
