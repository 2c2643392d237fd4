using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// ConvTranspose. Every input element is multiplied by a (M / group) x prod(kernel) slice of the weight, so
/// MACs = N x C x prod(input spatial) x (M / group) x prod(kernel) (thop's rule too); a bias adds one FLOP per output.
/// </summary>
public sealed class ConvTransposeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Dims(0);
        var w = context.Dims(1);
        if (x.Length < 3 || w.Length != x.Length)
        {
            throw context.Invalid($"input rank {x.Length} and weight rank {w.Length} do not form a transposed convolution");
        }

        var n = x.Length - 2;
        var group = context.Int("group", 1);
        if (w[0] != x[1] || group <= 0 || x[1] % group != 0)
        {
            throw context.Invalid($"weight {string.Join("x", w)} with group {group} does not match {x[1]} input channels");
        }

        var kernel = context.IntList("kernel_shape") is { Length: > 0 } k ? k : w[2..];
        var strides = context.IntList("strides") is { Length: > 0 } s ? s : Enumerable.Repeat(1L, n).ToArray();
        var dilations = context.IntList("dilations") is { Length: > 0 } d ? d : Enumerable.Repeat(1L, n).ToArray();
        var outputPadding = context.IntList("output_padding") is { Length: > 0 } op ? op : new long[n];
        var pads = context.IntList("pads") is { Length: > 0 } p ? p : new long[2 * n];
        var autoPad = context.String("auto_pad", "NOTSET");
        var explicitShape = context.IntList("output_shape");

        var output = new long[x.Length];
        output[0] = x[0];
        output[1] = checked(w[1] * group);
        for (var i = 0; i < n; i++)
        {
            if (explicitShape is { Length: > 0 })
            {
                output[2 + i] = explicitShape[explicitShape.Length - n + i];
            }
            else if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                output[2 + i] = checked(x[2 + i] * strides[i]);
            }
            else
            {
                output[2 + i] = checked((strides[i] * (x[2 + i] - 1)) + outputPadding[i] + (((kernel[i] - 1) * dilations[i]) + 1) - pads[i] - pads[i + n]);
            }

            if (output[2 + i] <= 0)
            {
                throw context.Invalid($"output size {output[2 + i]} on spatial axis {i} is not positive");
            }
        }

        context.SetOutput(0, context.TypeOf(0), new TensorShape(output));
        context.AddMacs(checked(ShapeMath.Product(x) * w[1] * ShapeMath.Product(kernel)));
        if (context.HasInput(2))
        {
            context.AddFlops(ShapeMath.Product(output));
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        1 => InputRole.Weight,
        2 => InputRole.Bias,
        _ => InputRole.Data,
    };
}
