using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>CenterCropPad(input, shape): the listed <c>axes</c> (all by default) take the requested sizes, centre-cropped
/// or zero-padded. 0 FLOPs.</summary>
public sealed class CenterCropPadHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var sizes = context.Ints(1);
        var axes = context.IntList("axes") ?? Enumerable.Range(0, shape.Rank).Select(i => (long)i).ToArray();
        if (axes.Length != sizes.Length)
        {
            throw context.Invalid($"shape [{string.Join(",", sizes)}] does not match axes [{string.Join(",", axes)}]");
        }

        var dims = shape.Dims.ToArray();
        for (var i = 0; i < axes.Length; i++)
        {
            if (sizes[i] < 0)
            {
                throw context.Invalid($"negative size {sizes[i]}");
            }

            dims[ShapeMath.Axis(context, axes[i], shape.Rank)] = sizes[i];
        }

        context.SetOutput(0, context.TypeOf(0), new TensorShape(dims));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
