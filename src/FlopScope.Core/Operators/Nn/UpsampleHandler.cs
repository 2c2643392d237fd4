using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// Upsample (deprecated at opset 10 for Resize). Opset 1: height_scale and width_scale attributes on an N x C x H x W
/// input, modes nearest and bilinear; opset 7: a <c>scales</c> attribute with one factor per axis; opset 9: scales as
/// the second input. out = floor(in x scale). Cost as <see cref="ResizeHandler"/>: nearest 0, linear
/// 2^(d+1) - 1 per output element for d resized axes.
/// </summary>
public sealed class UpsampleHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var mode = context.String("mode", "nearest");
        double[] scales;
        if (context.Opset >= 9)
        {
            scales = context.Value(1).ToDoubles();
        }
        else if (context.Opset >= 7)
        {
            scales = (context.Attribute("scales").Floats ?? []).Select(f => (double)f).ToArray();
        }
        else
        {
            if (shape.Rank != 4)
            {
                throw context.Invalid($"opset {context.Opset} Upsample needs an N x C x H x W input, not rank {shape.Rank}");
            }

            scales = [1, 1, context.Float("height_scale", 1), context.Float("width_scale", 1)];
        }

        var output = ResizeHandler.Scale(context, shape, Enumerable.Range(0, shape.Rank).ToArray(), scales);
        ResizeHandler.Finish(context, output, mode);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 1 ? InputRole.Control : InputRole.Data;
}
