using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Col2Im(input [N, C·prod(block_shape), L], image_shape, block_shape): rearranges columns back into an image
/// [N, C, *image_shape], summing overlapping patches. Validates L against the sliding-window count. Cost: 1 FLOP (an
/// add) per input element on floating-point data.
/// </summary>
public sealed class Col2ImHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var image = context.Ints(1);
        var block = context.Ints(2);
        var n = image.Length;
        if (shape.Rank != 3 || block.Length != n || n == 0)
        {
            throw context.Invalid($"input {shape}, image_shape and block_shape do not fit");
        }

        var dilations = context.IntList("dilations") ?? Enumerable.Repeat(1L, n).ToArray();
        var strides = context.IntList("strides") ?? Enumerable.Repeat(1L, n).ToArray();
        var pads = context.IntList("pads") ?? new long[2 * n];
        var blockSize = ShapeMath.Product(block);
        Dim channels = shape[1].IsKnown
            ? shape[1].Value % blockSize == 0 ? shape[1].Value / blockSize : throw context.Invalid($"dimension 1 of {shape} is not divisible by the block size {blockSize}")
            : Dim.Unknown("Col2Im");
        long windows = 1;
        for (var i = 0; i < n; i++)
        {
            var extent = (dilations[i] * (block[i] - 1)) + 1;
            var count = ((image[i] + pads[i] + pads[i + n] - extent) / strides[i]) + 1;
            windows = checked(windows * Math.Max(count, 0));
        }

        if (shape[2].IsKnown && shape[2].Value != windows)
        {
            throw context.Invalid($"input {shape} holds {shape[2].Value} blocks, the image has {windows} block positions");
        }

        var output = new TensorShape(new[] { shape[0], channels }.Concat(image.Select(Dim.Of)));
        context.SetOutput(0, context.TypeOf(0), output);
        context.AddFlops(FloatCost.Of(context.TypeOf(0), ShapeMath.Elements(shape), 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
