using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// Resize. Opset 10: inputs X, scales. Opset 11+: X, roi, scales, sizes, exactly one of scales and sizes given (an
/// empty scales tensor counts as absent); opset 18 adds the <c>axes</c> attribute (scales/sizes then cover only those
/// axes) and keep_aspect_ratio_policy (not_larger / not_smaller scale every listed axis by the min / max of
/// sizes[i] / in[i], rounding half up). From scales, out = floor(in x scale) as the ONNX reference and onnxruntime
/// compute it (roi does not enter the size). Cost per output element, d being the number of axes whose size changes:
/// nearest 0 (a copy); linear 2^(d+1) - 1 (2^d weighted taps: multiplies and adds, e.g. 7 for bilinear); cubic
/// 2 x 4^d - 1 (4^d taps, e.g. 31 for bicubic). Per-axis weight computation is not counted; antialias is counted as
/// without. Integer data counts zero.
/// </summary>
public sealed class ResizeHandler : IOperatorHandler
{
    /// <summary>FLOPs per output element of interpolation <paramref name="mode"/> over <paramref name="resizedAxes"/> axes.</summary>
    public static long FlopsPerOutput(NodeContext context, string mode, int resizedAxes)
    {
        if (resizedAxes == 0)
        {
            return 0;
        }

        return mode switch
        {
            "nearest" => 0,
            "linear" or "bilinear" or "trilinear" => checked((2L << resizedAxes) - 1),
            "cubic" => checked((2L << (2 * resizedAxes)) - 1),
            _ => throw context.Invalid($"unknown mode '{mode}'"),
        };
    }

    /// <summary>Sets the output of resizing input 0 to <paramref name="output"/> and adds its cost.</summary>
    public static void Finish(NodeContext context, TensorShape output, string mode)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        context.SetOutput(0, input.DataType, output);
        var resized = Enumerable.Range(0, shape.Rank).Count(i => shape[i] != output[i]);
        var perOutput = FlopsPerOutput(context, mode, resized);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(output), perOutput));
    }

    /// <summary>Output dims of scaling <paramref name="shape"/> by <paramref name="scales"/> on <paramref name="axes"/>:
    /// floor(in x scale); a scale of 1 keeps even a symbolic dim.</summary>
    public static TensorShape Scale(NodeContext context, TensorShape shape, IReadOnlyList<int> axes, double[] scales)
    {
        if (scales.Length != axes.Count)
        {
            throw context.Invalid($"{scales.Length} scales for {axes.Count} axes");
        }

        var dims = shape.Dims.ToArray();
        for (var i = 0; i < axes.Count; i++)
        {
            var d = dims[axes[i]];
            if (!(scales[i] > 0))
            {
                throw context.Invalid($"scale {scales[i]} is not positive");
            }

            if (scales[i] == 1)
            {
                continue;
            }

            var inSize = d.IsKnown ? d.Value : throw new UnresolvedException($"{context.Describe()} scales axis {axes[i]}, whose size is not known ({shape})");
            dims[axes[i]] = checked((long)Math.Floor(inSize * scales[i]));
        }

        return new TensorShape(dims);
    }

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var mode = context.String("mode", "nearest");
        if (context.Opset < 11)
        {
            Finish(context, Scale(context, shape, Enumerable.Range(0, shape.Rank).ToArray(), context.Value(1).ToDoubles()), mode);
            return;
        }

        var axes = context.Opset >= 18 && context.IntList("axes") is { } listed
            ? ReductionLayout.NormalizeAxes(context, listed, shape.Rank)
            : Enumerable.Range(0, shape.Rank).ToArray();
        var hasScales = context.HasInput(2) && context.Shape(2).ElementCount != 0;
        var hasSizes = context.HasInput(3) && context.Shape(3).ElementCount != 0;
        if (hasScales == hasSizes)
        {
            throw context.Invalid(hasScales ? "both scales and sizes are given" : "neither scales nor sizes is given");
        }

        var output = hasScales
            ? Scale(context, shape, axes, context.Value(2).ToDoubles())
            : Sizes(context, shape, axes, context.Ints(3));
        Finish(context, output, mode);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index >= 1 ? InputRole.Control : InputRole.Data;

    private static TensorShape Sizes(NodeContext context, TensorShape shape, int[] axes, long[] sizes)
    {
        if (sizes.Length != axes.Length)
        {
            throw context.Invalid($"{sizes.Length} sizes for {axes.Length} axes");
        }

        if (sizes.Any(s => s < 0))
        {
            throw context.Invalid($"sizes [{string.Join(",", sizes)}] has a negative size");
        }

        var dims = shape.Dims.ToArray();
        var policy = context.Opset >= 18 ? context.String("keep_aspect_ratio_policy", "stretch") : "stretch";
        if (policy == "stretch")
        {
            for (var i = 0; i < axes.Length; i++)
            {
                dims[axes[i]] = sizes[i];
            }

            return new TensorShape(dims);
        }

        if (policy is not ("not_larger" or "not_smaller"))
        {
            throw context.Invalid($"unknown keep_aspect_ratio_policy '{policy}'");
        }

        var inSizes = axes.Select(a => dims[a].IsKnown ? dims[a].Value : throw new UnresolvedException($"{context.Describe()} keeps the aspect ratio of axis {a}, whose size is not known ({shape})")).ToArray();
        var ratios = sizes.Select((s, i) => (double)s / inSizes[i]);
        var scale = policy == "not_larger" ? ratios.Min() : ratios.Max();
        for (var i = 0; i < axes.Length; i++)
        {
            dims[axes[i]] = checked((long)Math.Round(scale * inSizes[i], MidpointRounding.AwayFromZero));
        }

        return new TensorShape(dims);
    }
}
