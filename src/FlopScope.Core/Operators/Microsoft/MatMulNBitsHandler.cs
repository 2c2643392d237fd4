using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// com.microsoft MatMulNBits: A [..., K] times a block-quantized weight (attributes K, N, bits, block_size; B packed as
/// uint8 [N, ceil(K / block_size), block_size x bits / 8]). Output [..., N] in A's type.
/// MACs = rows x N x K (rows = elements of A / K). FLOPs: dequantization multiplies each of the N x K weights by its
/// block scale once per call (the zero-point subtraction is integer arithmetic, 0 FLOPs), plus one FLOP per output
/// for the optional bias.
/// </summary>
public sealed class MatMulNBitsHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var k = context.Int("K");
        var n = context.Int("N");
        var bits = context.Int("bits", 4);
        var blockSize = context.Int("block_size");
        if (k <= 0 || n <= 0 || bits is < 1 or > 8 || blockSize <= 0)
        {
            throw context.Invalid($"K {k}, N {n}, bits {bits} and block_size {blockSize} must be positive (bits at most 8)");
        }

        var a = context.Shape(0);
        if (a.Rank == 0 || (a[a.Rank - 1].IsKnown && a[a.Rank - 1].Value != k))
        {
            throw context.Invalid($"A's last dimension must be K = {k}, A is {a}");
        }

        if (context.Input(1).Shape is { Rank: 3 } b && b.IsFullyKnown)
        {
            var blocks = (k + blockSize - 1) / blockSize;
            var blob = blockSize * bits / 8;
            if (b[0].Value != n || b[1].Value != blocks || b[2].Value != blob)
            {
                throw context.Invalid($"B is {b}, expected {n}x{blocks}x{blob} for K {k}, N {n}, {bits} bits, block size {blockSize}");
            }
        }

        var output = new TensorShape(a.Dims.Take(a.Rank - 1).Append(n));
        var type = context.TypeOf(0);
        context.SetOutput(0, type, output);
        var outputs = ShapeMath.Elements(output);
        context.AddMacs(checked(outputs * k));
        context.AddFlops(Elementwise.FloatCost.Of(type, checked(n * k), 1));
        if (context.HasInput(5))
        {
            context.AddFlops(Elementwise.FloatCost.Of(type, outputs, 1));
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        1 => InputRole.Weight,
        4 => InputRole.Control,
        5 => InputRole.Bias,
        _ => InputRole.Data,
    };
}
