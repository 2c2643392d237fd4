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
        if (x.Length < 3 || w.Length != x.Length)
        {
            throw context.Invalid($"input rank {x.Length} and weight rank {w.Length} do not form a convolution");
        }

        var group = context.Int("group", 1);
        if (group <= 0 || x[1] % group != 0 || w[1] * group != x[1])
        {
            throw context.Invalid($"weight {string.Join("x", w)} with group {group} does not match {x[1]} input channels");
        }

        var kernel = context.IntList("kernel_shape") is { Length: > 0 } k ? k : w[2..];
        var spatial = SpatialWindow.OutputSizes(context, x[2..], kernel);
        var output = new long[x.Length];
        output[0] = x[0];
        output[1] = w[0];
        spatial.CopyTo(output, 2);
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
