using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Split along <c>axis</c> (default 0): part sizes from the <c>split</c> attribute before opset 13 and the optional
/// <c>split</c> input from 13; without them the dimension is divided evenly among the outputs, or from opset 18 into
/// <c>num_outputs</c> parts of ceil(dim / num_outputs), the last one smaller. Values of small tensors are split too.
/// 0 FLOPs.
/// </summary>
public sealed class SplitHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = ShapeMath.Axis(context, context.Int("axis", 0), shape.Rank);
        var dim = shape[axis];
        var outputs = context.OutputCount;
        var sizes = Sizes(context, dim, outputs);
        if (sizes is not null)
        {
            if (sizes.Length != outputs)
            {
                throw context.Invalid($"split [{string.Join(",", sizes)}] has {sizes.Length} parts for {outputs} outputs");
            }

            if (sizes.Any(s => s < 0) || (dim.IsKnown && sizes.Sum() != dim.Value))
            {
                throw context.Invalid($"split [{string.Join(",", sizes)}] does not add up to dimension {dim} of axis {axis}");
            }
        }

        long offset = 0;
        for (var k = 0; k < outputs; k++)
        {
            var dims = shape.Dims.ToArray();
            dims[axis] = sizes is null ? Dim.Unknown("Split") : sizes[k];
            var part = new TensorShape(dims);
            TensorValue? value = null;
            if (sizes is not null && shape.IsFullyKnown && input.Value is { } v)
            {
                var strides = TensorValues.Strides(shape.ToArray());
                var start = offset;
                value = TensorValues.Map(v, part.ToArray(), coords =>
                {
                    long index = 0;
                    for (var i = 0; i < coords.Length; i++)
                    {
                        index += (i == axis ? coords[i] + start : coords[i]) * strides[i];
                    }

                    return index;
                });
            }

            offset += sizes?[k] ?? 0;
            context.SetOutput(k, input.DataType, part, value);
        }
    }

    private static long[]? Sizes(NodeContext context, Dim dim, int outputs)
    {
        var explicitSizes = context.Opset < 13 ? context.IntList("split") : context.HasInput(1) ? context.Ints(1) : null;
        if (explicitSizes is { Length: > 0 })
        {
            return explicitSizes;
        }

        if (!dim.IsKnown)
        {
            return null;
        }

        if (context.Opset >= 18 && context.HasAttribute("num_outputs"))
        {
            var n = context.Int("num_outputs");
            if (n < 1 || n != outputs)
            {
                throw context.Invalid($"num_outputs {n} does not match its {outputs} outputs");
            }

            var chunk = (dim.Value + n - 1) / n;
            var sizes = new long[n];
            var left = dim.Value;
            for (var k = 0; k < n; k++)
            {
                sizes[k] = Math.Min(chunk, left);
                left -= sizes[k];
            }

            return sizes;
        }

        return dim.Value % outputs == 0
            ? Enumerable.Repeat(dim.Value / outputs, outputs).ToArray()
            : throw context.Invalid($"dimension {dim.Value} cannot be split evenly into {outputs} outputs");
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
