using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Pad: pads [x1_begin, x2_begin, ..., x1_end, x2_end, ...] from the <c>paddings</c> (opset 1) or <c>pads</c> (2-10)
/// attribute, or the pads input from opset 11, with the optional axes input from 18 (pads then cover only those axes).
/// Negative pads crop. Modes constant, reflect, edge, wrap (19). Values of small results are padded. 0 FLOPs.
/// </summary>
public sealed class PadHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var rank = shape.Rank;
        var mode = context.String("mode", "constant");
        long[] pads;
        double fill;
        long[]? axesList = null;
        if (context.Opset < 11)
        {
            pads = context.IntList(context.Opset < 2 ? "paddings" : "pads") ?? throw context.Invalid("lacks its pads attribute");
            fill = context.Float("value", 0);
        }
        else
        {
            pads = context.Ints(1);
            fill = context.TryValue(2) is { Length: > 0 } c ? c.AsDouble(0) : 0;
            if (context.HasInput(2) && context.TryValue(2) is null && mode == "constant")
            {
                fill = double.NaN;
            }

            if (context.Opset >= 18 && context.HasInput(3))
            {
                axesList = context.Ints(3);
            }
        }

        var axes = axesList?.Select(a => ShapeMath.Axis(context, a, rank)).ToArray() ?? Enumerable.Range(0, rank).ToArray();
        if (pads.Length != 2 * axes.Length)
        {
            throw context.Invalid($"pads [{string.Join(",", pads)}] must have {2 * axes.Length} entries for {axes.Length} axes");
        }

        var begin = new long[rank];
        var end = new long[rank];
        for (var i = 0; i < axes.Length; i++)
        {
            begin[axes[i]] = pads[i];
            end[axes[i]] = pads[i + axes.Length];
        }

        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            var d = shape[i];
            if (!d.IsKnown)
            {
                dims[i] = begin[i] == 0 && end[i] == 0 ? d : Dim.Unknown("Pad");
                continue;
            }

            var size = d.Value + begin[i] + end[i];
            if (size < 0)
            {
                throw context.Invalid($"pads [{string.Join(",", pads)}] crop dimension {i} of {shape} below zero");
            }

            if (mode is "reflect" or "edge" or "wrap" && d.Value == 0 && size > 0)
            {
                throw context.Invalid($"{mode} padding of an empty dimension");
            }

            dims[i] = size;
        }

        var output = new TensorShape(dims);
        TensorValue? value = null;
        if (shape.IsFullyKnown && input.Value is { } v && !double.IsNaN(fill))
        {
            var inDims = shape.ToArray();
            var strides = TensorValues.Strides(inDims);
            value = TensorValues.Map(v, output.ToArray(), coords =>
            {
                long index = 0;
                for (var i = 0; i < rank; i++)
                {
                    var source = Source(coords[i] - begin[i], inDims[i], mode);
                    if (source < 0)
                    {
                        return -1;
                    }

                    index += source * strides[i];
                }

                return index;
            }, fill);
        }

        context.SetOutput(0, input.DataType, output, value);
    }

    /// <summary>The input coordinate an output coordinate reads in <paramref name="mode"/>, or -1 for the constant.</summary>
    private static long Source(long c, long dim, string mode)
    {
        if (c >= 0 && c < dim)
        {
            return c;
        }

        switch (mode)
        {
            case "edge":
                return Math.Clamp(c, 0, dim - 1);
            case "wrap":
                return ((c % dim) + dim) % dim;
            case "reflect":
                if (dim == 1)
                {
                    return 0;
                }

                var period = 2 * (dim - 1);
                var m = ((c % period) + period) % period;
                return m < dim ? m : period - m;
            default:
                return -1;
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
