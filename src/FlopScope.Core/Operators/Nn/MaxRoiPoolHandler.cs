using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// MaxRoiPool: X (N x C x H x W) and rois (num_rois x 5: batch index, x1, y1, x2, y2) to
/// num_rois x C x pooled_h x pooled_w. Cost: the window of each output depends on the ROI coordinates at run time,
/// so its comparisons are not counted (0 FLOPs, with a note) rather than guessed.
/// </summary>
public sealed class MaxRoiPoolHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var x = context.Shape(0);
        var rois = context.Shape(1);
        var pooled = context.Attribute("pooled_shape").Ints ?? [];
        if (x.Rank != 4 || rois.Rank != 2 || pooled.Length != 2 || pooled.Any(p => p <= 0))
        {
            throw context.Invalid($"expects a 4-D input ({x}), 2-D rois ({rois}) and two positive pooled sizes");
        }

        if (rois[1] is { IsKnown: true, Value: not 5 })
        {
            throw context.Invalid($"rois have {rois[1]} columns, expected 5");
        }

        context.SetOutput(0, input.DataType, new TensorShape(new[] { rois[0], x[1], Dim.Of(pooled[0]), Dim.Of(pooled[1]) }));
        context.Note("window sizes depend on ROI values: comparisons not counted");
    }
}
