using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// NonMaxSuppression(boxes [B, N, 4], scores [B, C, N], ...): selected indices [n, 3] int64 with n data-dependent
/// (unknown). Cost: the IoU work depends on the scores, so none is counted; a note says so.
/// </summary>
public sealed class NonMaxSuppressionHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var boxes = context.Shape(0);
        var scores = context.Shape(1);
        if (boxes.Rank != 3 || scores.Rank != 3)
        {
            throw context.Invalid($"boxes {boxes} and scores {scores} must both have rank 3");
        }

        context.SetOutput(0, DataType.Int64, new TensorShape([Dim.Unknown("NonMaxSuppression"), 3]));
        context.Note("suppression work is data-dependent and not counted");
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index < 2 ? InputRole.Data : InputRole.Control;
}
