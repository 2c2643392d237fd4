using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Trilu(input, k): keeps the upper or lower triangle of the last two dimensions, zeroing the rest; output
/// shape is the input's. 0 FLOPs (a masked copy).</summary>
public sealed class TriluHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        if (shape.Rank < 2)
        {
            throw context.Invalid($"input {shape} needs rank 2 or more");
        }

        context.SetOutput(0, context.TypeOf(0), shape);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
