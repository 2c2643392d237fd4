using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// DeformConv (opset 19): a convolution whose kernel taps are sampled at learned offsets. Output sizes and MACs are
/// Conv's (N x M x prod(output) x C/group x prod(kernel)); each sampled input value is a bilinear interpolation,
/// 7 FLOPs (as Resize's linear rule in 2-D) per (N, C, output position, kernel tap), plus 1 per sample for the mask
/// and 1 per output for the bias when present.
/// </summary>
public sealed class DeformConvHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Dims(0);
        var w = context.Dims(1);
        var (output, kernel) = SpatialWindow.Convolution(context, x, w);
        var spatial = output[2..];
        context.SetOutput(0, context.TypeOf(0), new TensorShape(output));

        var outputElements = ShapeMath.Product(output);
        var taps = ShapeMath.Product(kernel);
        context.AddMacs(checked(outputElements * w[1] * taps));
        var samples = checked(x[0] * x[1] * ShapeMath.Product(spatial) * taps);
        context.AddFlops(checked(samples * (context.HasInput(4) ? 8 : 7)));
        if (context.HasInput(3))
        {
            context.AddFlops(outputElements);
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        1 => InputRole.Weight,
        3 => InputRole.Bias,
        _ => InputRole.Data,
    };
}
