using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// DFT. The input is [signal dims..., 1 (real) or 2 (complex)]; the transform runs along one signal axis: the
/// <c>axis</c> attribute (default 1) in opset 17, the optional third input (default -2) from opset 20. dft_length
/// (optional second input) defaults to the axis size, or 2 x (size - 1) for the opset 20 inverse one-sided (IRFFT)
/// case. Output: that axis becomes dft_length, or floor(dft_length / 2) + 1 for a forward one-sided transform; the
/// last dimension is 2 (complex), or 1 for IRFFT. Cost: the conventional FFT estimate 5 N log2(N) FLOPs per
/// transformed vector of length N = dft_length (real and one-sided transforms are not discounted).
/// </summary>
public sealed class DftHandler : IOperatorHandler
{
    /// <summary>The conventional FFT estimate 5 N log2(N), rounded to the nearest FLOP.</summary>
    public static long FftFlops(long length) => length <= 1 ? 0 : checked((long)Math.Round(5 * length * Math.Log2(length)));

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var rank = shape.Rank;
        if (rank < 2 || shape[rank - 1] is { IsKnown: true, Value: not (1 or 2) })
        {
            throw context.Invalid($"input {shape} must end in a dimension of 1 (real) or 2 (complex)");
        }

        var rawAxis = context.Opset >= 20
            ? (context.HasInput(2) ? context.Ints(2).Single() : -2)
            : context.Int("axis", 1);
        var axis = rawAxis < 0 ? rawAxis + rank : rawAxis;
        if (axis < 0 || axis > rank - 2)
        {
            throw context.Invalid($"axis {rawAxis} is not a signal axis of rank {rank}");
        }

        var inverse = context.Int("inverse", 0) != 0;
        var onesided = context.Int("onesided", 0) != 0;
        var irfft = context.Opset >= 20 && inverse && onesided;
        long length;
        if (context.HasInput(1))
        {
            length = context.Ints(1).Single();
        }
        else
        {
            var size = shape[(int)axis].IsKnown ? shape[(int)axis].Value : throw new UnresolvedException($"{context.Describe()} needs the size of axis {axis} ({shape})");
            length = irfft ? 2 * (size - 1) : size;
        }

        if (length <= 0)
        {
            throw context.Invalid($"dft_length {length} is not positive");
        }

        var dims = shape.Dims.ToArray();
        dims[axis] = onesided && !irfft ? (length / 2) + 1 : length;
        dims[rank - 1] = irfft ? 1 : 2;
        context.SetOutput(0, input.DataType, new TensorShape(dims));

        var vectors = checked(NnShapes.Product(shape, 0, (int)axis) * NnShapes.Product(shape, (int)axis + 1, rank - 1));
        context.AddFlops(FloatCost.Of(input.DataType, vectors, FftFlops(length)));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index >= 1 ? InputRole.Control : InputRole.Data;
}
