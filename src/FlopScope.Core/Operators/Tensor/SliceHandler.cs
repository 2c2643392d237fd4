using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Slice: starts/ends/axes as attributes before opset 10, as inputs (with optional steps) from 10. Negative starts and
/// ends count from the back; they are clamped to [0, dim] for positive steps and [-1, dim-1] for negative ones, so
/// INT64_MAX / INT64_MIN mean "to the end". Values of small tensors are sliced (shape chains slice Shape outputs).
/// 0 FLOPs.
/// </summary>
public sealed class SliceHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var rank = shape.Rank;
        long[] starts, ends;
        long[]? axes, steps = null;
        if (context.Opset < 10)
        {
            starts = context.IntList("starts") ?? throw context.Invalid("lacks its 'starts' attribute");
            ends = context.IntList("ends") ?? throw context.Invalid("lacks its 'ends' attribute");
            axes = context.IntList("axes");
        }
        else
        {
            starts = context.Ints(1);
            ends = context.Ints(2);
            axes = context.HasInput(3) ? context.Ints(3) : null;
            steps = context.HasInput(4) ? context.Ints(4) : null;
        }

        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        steps ??= Enumerable.Repeat(1L, starts.Length).ToArray();
        if (ends.Length != starts.Length || axes.Length != starts.Length || steps.Length != starts.Length)
        {
            throw context.Invalid($"starts, ends, axes and steps have different lengths ({starts.Length}, {ends.Length}, {axes.Length}, {steps.Length})");
        }

        var dims = shape.Dims.ToArray();
        var begin = new long[rank];
        var stride = Enumerable.Repeat(1L, rank).ToArray();
        var seen = new bool[rank];
        for (var i = 0; i < starts.Length; i++)
        {
            var axis = ShapeMath.Axis(context, axes[i], rank);
            if (seen[axis])
            {
                throw context.Invalid($"axis {axes[i]} is repeated");
            }

            seen[axis] = true;
            var step = steps[i];
            if (step == 0)
            {
                throw context.Invalid("a step is 0");
            }

            var d = shape[axis];
            if (!d.IsKnown)
            {
                // The whole of an unknown dimension is kept; any other slice of it is unknown.
                dims[axis] = starts[i] == 0 && ends[i] >= int.MaxValue && step == 1 ? d : Dim.Unknown("Slice");
                continue;
            }

            var (start, count) = Range(starts[i], ends[i], step, d.Value);
            dims[axis] = count;
            begin[axis] = start;
            stride[axis] = step;
        }

        var output = new TensorShape(dims);
        TensorValue? value = null;
        if (shape.IsFullyKnown && input.Value is { } v)
        {
            var strides = TensorValues.Strides(shape.ToArray());
            value = TensorValues.Map(v, output.ToArray(), coords =>
            {
                long index = 0;
                for (var i = 0; i < rank; i++)
                {
                    index += (begin[i] + coords[i] * stride[i]) * strides[i];
                }

                return index;
            });
        }

        context.SetOutput(0, input.DataType, output, value);
    }

    /// <summary>The clamped first index and the element count of one sliced axis of size <paramref name="dim"/>.</summary>
    public static (long Start, long Count) Range(long start, long end, long step, long dim)
    {
        if (dim == 0)
        {
            return (0, 0);
        }

        if (start < 0)
        {
            start += dim;
        }

        if (end < 0)
        {
            end += dim;
        }

        if (step > 0)
        {
            start = Math.Clamp(start, 0, dim);
            end = Math.Clamp(end, 0, dim);
            return (start, end > start ? ((end - start - 1) / step) + 1 : 0);
        }

        start = Math.Clamp(start, 0, dim - 1);
        end = Math.Clamp(end, -1, dim - 1);
        var magnitude = step == long.MinValue ? long.MaxValue : -step;
        return (start, start > end ? ((start - end - 1) / magnitude) + 1 : 0);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
