using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>ReverseSequence(input, sequence_lens): reverses each batch entry's first sequence_lens steps; output shape is
/// the input's. 0 FLOPs.</summary>
public sealed class ReverseSequenceHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        if (shape.Rank < 2)
        {
            throw context.Invalid($"input {shape} needs rank 2 or more");
        }

        var batchAxis = context.Int("batch_axis", 1);
        var timeAxis = context.Int("time_axis", 0);
        if (batchAxis is < 0 or > 1 || timeAxis is < 0 or > 1 || batchAxis == timeAxis)
        {
            throw context.Invalid($"batch_axis {batchAxis} and time_axis {timeAxis} must be 0 and 1");
        }

        context.SetOutput(0, context.TypeOf(0), shape);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
