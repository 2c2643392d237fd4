using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;
using FlopScope.Operators.Linear;

namespace FlopScope.Operators.Nn;

/// <summary>
/// MaxPool, AveragePool and LpPool over the spatial axes of an N x C x D1 x ... input: kernel_shape, strides, pads or
/// auto_pad, dilations and ceil_mode (see <see cref="SpatialWindow"/>). MaxPool's optional Indices output is int64 of
/// the output's shape. Cost per output element, for a window of k = prod(kernel_shape) elements (nominal: windows
/// clipped by padding are counted whole): MaxPool k (one comparison per element), AveragePool k + 1 (k adds, one
/// divide; count_include_pad does not change it), LpPool 3k + 1 (|x|, x^p and add per element, one root). Integer
/// MaxPool (int8/uint8) counts zero.
/// </summary>
/// <param name="kind">The aggregation.</param>
public sealed class PoolHandler(PoolKind kind) : IOperatorHandler
{
    /// <summary>FLOPs of one output element whose window has <paramref name="windowElements"/> elements.</summary>
    public static long FlopsPerOutput(PoolKind kind, long windowElements) => kind switch
    {
        PoolKind.Max => windowElements,
        PoolKind.Average => checked(windowElements + 1),
        _ => checked((3 * windowElements) + 1),
    };

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (shape.Rank < 3)
        {
            throw context.Invalid($"input of rank {shape.Rank} has no spatial axes (expected N x C x D1 x ...)");
        }

        var kernel = context.Attribute("kernel_shape").Ints ?? [];
        var spatial = NnShapes.KnownFrom(context, shape, 2);
        if (kernel.Length != spatial.Length)
        {
            throw context.Invalid($"kernel_shape has {kernel.Length} sizes for {spatial.Length} spatial axes");
        }

        var outputSpatial = SpatialWindow.OutputSizes(context, spatial, kernel, allowCeilMode: true);
        var output = new TensorShape(new[] { shape[0], shape[1] }.Concat(outputSpatial.Select(Dim.Of)));
        context.SetOutput(0, input.DataType, output);
        if (kind == PoolKind.Max && context.HasOutput(1))
        {
            context.SetOutput(1, DataType.Int64, output);
        }

        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(output), FlopsPerOutput(kind, ShapeMath.Product(kernel))));
    }
}
