using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// Output sizes of sliding-window ops (Conv, pooling): kernel, strides, dilations, explicit pads or auto_pad, ceil_mode.
/// </summary>
public static class SpatialWindow
{
    /// <summary>Computes output spatial sizes and checks that every window fits its padded input.</summary>
    /// <param name="context">The node (for attributes and messages).</param>
    /// <param name="input">Input spatial sizes.</param>
    /// <param name="kernel">Kernel sizes.</param>
    /// <param name="allowCeilMode">True for pooling ops, which honour <c>ceil_mode</c>.</param>
    public static long[] OutputSizes(NodeContext context, long[] input, long[] kernel, bool allowCeilMode = false)
    {
        var n = input.Length;
        var strides = context.IntList("strides") is { Length: > 0 } s ? s : Ones(n);
        var dilations = context.IntList("dilations") is { Length: > 0 } d ? d : Ones(n);
        var pads = context.IntList("pads") is { Length: > 0 } p ? p : new long[2 * n];
        var autoPad = context.String("auto_pad", "NOTSET");
        var ceil = allowCeilMode && context.Int("ceil_mode", 0) != 0;
        if (kernel.Length != n || strides.Length != n || dilations.Length != n || pads.Length != 2 * n)
        {
            throw context.Invalid($"kernel, strides, dilations and pads do not match the {n} spatial dimensions of the input");
        }

        var output = new long[n];
        for (var i = 0; i < n; i++)
        {
            if (strides[i] <= 0 || dilations[i] <= 0 || kernel[i] <= 0)
            {
                throw context.Invalid("kernel sizes, strides and dilations must be positive");
            }

            var effectiveKernel = checked((dilations[i] * (kernel[i] - 1)) + 1);
            switch (autoPad)
            {
                case "SAME_UPPER" or "SAME_LOWER":
                    output[i] = CeilDiv(input[i], strides[i]);
                    break;
                case "VALID":
                    Require(context, input[i], effectiveKernel, i);
                    output[i] = CeilDiv(input[i] - effectiveKernel + 1, strides[i]);
                    break;
                default:
                    var padded = checked(input[i] + pads[i] + pads[i + n]);
                    Require(context, padded, effectiveKernel, i);
                    var span = padded - effectiveKernel;
                    output[i] = (ceil ? CeilDiv(span, strides[i]) : span / strides[i]) + 1;
                    // With ceil_mode the last window must start inside the input or its left padding.
                    if (ceil && (output[i] - 1) * strides[i] >= input[i] + pads[i])
                    {
                        output[i]--;
                    }

                    break;
            }
        }

        return output;
    }

    /// <summary>Output shape and kernel of a convolution of input <paramref name="x"/> (N, C, spatial...) by weight
    /// <paramref name="w"/> (M, C / group, kernel...), checking ranks and groups.</summary>
    public static (long[] Output, long[] Kernel) Convolution(NodeContext context, long[] x, long[] w)
    {
        if (x.Length < 3 || w.Length != x.Length)
        {
            throw context.Invalid($"input rank {x.Length} and weight rank {w.Length} do not form a convolution");
        }

        var group = context.Int("group", 1);
        if (group <= 0 || x[1] % group != 0 || w[1] * group != x[1] || w[0] % group != 0)
        {
            throw context.Invalid($"weight {string.Join("x", w)} with group {group} does not match {x[1]} input channels");
        }

        var kernel = context.IntList("kernel_shape") is { Length: > 0 } k ? k : w[2..];
        var output = new long[x.Length];
        output[0] = x[0];
        output[1] = w[0];
        OutputSizes(context, x[2..], kernel).CopyTo(output, 2);
        return (output, kernel);
    }

    private static void Require(NodeContext context, long padded, long effectiveKernel, int axis)
    {
        if (padded < effectiveKernel)
        {
            throw context.Invalid($"kernel extent {effectiveKernel} is larger than the padded input {padded} on spatial axis {axis}");
        }
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static long[] Ones(int n) => Enumerable.Repeat(1L, n).ToArray();
}
