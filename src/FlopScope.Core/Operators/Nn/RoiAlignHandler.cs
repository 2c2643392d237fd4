using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// RoiAlign (opsets 10, 16): X (N x C x H x W), rois (num_rois x 4), batch_indices (num_rois) to
/// num_rois x C x output_height x output_width. Cost per output element with s = sampling_ratio: s^2 sample points,
/// each a bilinear interpolation (4 multiplies, 3 adds) and one accumulation (add or max), plus one divide in avg
/// mode: 8 s^2 (+1). With sampling_ratio 0 the sample count is ceil(roi size / output size), a run-time value, so
/// the cost is not counted (0 FLOPs, with a note).
/// </summary>
public sealed class RoiAlignHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var x = context.Shape(0);
        var rois = context.Shape(1);
        var indices = context.Shape(2);
        if (x.Rank != 4 || rois.Rank != 2 || indices.Rank != 1)
        {
            throw context.Invalid($"expects a 4-D input ({x}), 2-D rois ({rois}) and 1-D batch_indices ({indices})");
        }

        if (rois[1] is { IsKnown: true, Value: not 4 })
        {
            throw context.Invalid($"rois have {rois[1]} columns, expected 4");
        }

        if (rois[0].IsKnown && indices[0].IsKnown && rois[0].Value != indices[0].Value)
        {
            throw context.Invalid($"{rois[0]} rois but {indices[0]} batch indices");
        }

        var height = context.Int("output_height", 1);
        var width = context.Int("output_width", 1);
        var mode = context.String("mode", "avg");
        if (height <= 0 || width <= 0 || mode is not ("avg" or "max"))
        {
            throw context.Invalid($"output {height}x{width} in mode '{mode}' is not valid");
        }

        var output = new TensorShape(new[] { rois[0].IsKnown ? rois[0] : indices[0], x[1], Dim.Of(height), Dim.Of(width) });
        context.SetOutput(0, input.DataType, output);
        var samplingRatio = context.Int("sampling_ratio", 0);
        if (samplingRatio <= 0)
        {
            context.Note("adaptive sampling (sampling_ratio 0) depends on ROI sizes: interpolation not counted");
            return;
        }

        var perOutput = checked((8 * samplingRatio * samplingRatio) + (mode == "avg" ? 1 : 0));
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(output), perOutput));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 2 ? InputRole.Control : InputRole.Data;
}
