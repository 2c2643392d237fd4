using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// MaxUnpool: scatters X into a zero tensor at MaxPool's indices I. Output spatial size
/// (in - 1) x stride + kernel - pad_begin - pad_end, or the optional output_shape input. Data movement: 0 FLOPs.
/// </summary>
public sealed class MaxUnpoolHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (shape.Rank < 3)
        {
            throw context.Invalid($"input of rank {shape.Rank} has no spatial axes");
        }

        if (context.HasInput(2))
        {
            var requested = context.Ints(2);
            if (requested.Length != shape.Rank || requested.Any(d => d < 0))
            {
                throw context.Invalid($"output_shape [{string.Join(",", requested)}] does not fit rank {shape.Rank}");
            }

            context.SetOutput(0, input.DataType, new TensorShape(requested));
            return;
        }

        var spatial = NnShapes.KnownFrom(context, shape, 2);
        var n = spatial.Length;
        var kernel = context.Attribute("kernel_shape").Ints ?? [];
        var strides = context.IntList("strides") is { Length: > 0 } s ? s : Enumerable.Repeat(1L, n).ToArray();
        var pads = context.IntList("pads") is { Length: > 0 } p ? p : new long[2 * n];
        if (kernel.Length != n || strides.Length != n || pads.Length != 2 * n)
        {
            throw context.Invalid($"kernel_shape, strides and pads do not match the {n} spatial axes");
        }

        var dims = new Dim[shape.Rank];
        dims[0] = shape[0];
        dims[1] = shape[1];
        for (var i = 0; i < n; i++)
        {
            var size = checked(((spatial[i] - 1) * strides[i]) + kernel[i] - pads[i] - pads[i + n]);
            dims[i + 2] = size >= 0 ? size : throw context.Invalid($"spatial axis {i} would have size {size}");
        }

        context.SetOutput(0, input.DataType, new TensorShape(dims));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index >= 1 ? InputRole.Control : InputRole.Data;
}
