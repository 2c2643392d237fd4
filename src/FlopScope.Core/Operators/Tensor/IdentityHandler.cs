using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Identity: the output is the input (type, shape and known values). 0 FLOPs.</summary>
public sealed class IdentityHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context) => context.SetOutput(0, context.Input(0));
}
