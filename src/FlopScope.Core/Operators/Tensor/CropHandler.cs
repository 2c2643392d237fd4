using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Crop (opset 1 experimental) of [N, C, H, W]: <c>border</c> [left, top, right, bottom] removed, or, with
/// <c>scale</c> [h, w], a window of that size from (top, left). 0 FLOPs.</summary>
public sealed class CropHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var border = context.IntList("border") ?? throw context.Invalid("lacks its 'border' attribute");
        if (shape.Rank != 4 || border.Length != 4)
        {
            throw context.Invalid($"input {shape} must be [N, C, H, W] and border have 4 entries");
        }

        var (left, top, right, bottom) = (border[0], border[1], border[2], border[3]);
        Dim h, w;
        if (context.IntList("scale") is { Length: 2 } scale)
        {
            (h, w) = (scale[0], scale[1]);
        }
        else
        {
            h = shape[2].IsKnown ? Cropped(context, shape[2].Value - top - bottom) : Dim.Unknown("Crop");
            w = shape[3].IsKnown ? Cropped(context, shape[3].Value - left - right) : Dim.Unknown("Crop");
        }

        context.SetOutput(0, context.TypeOf(0), new TensorShape([shape[0], shape[1], h, w]));
    }

    private static Dim Cropped(NodeContext context, long size) =>
        size >= 0 ? size : throw context.Invalid("border removes more than the image");
}
