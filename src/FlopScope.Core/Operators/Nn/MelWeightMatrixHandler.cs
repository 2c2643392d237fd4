using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// MelWeightMatrix (opset 17): a [floor(dft_length / 2) + 1, num_mel_bins] matrix of triangular filters. FLOPs: 4 per
/// element (a frequency-to-mel conversion shared per row is not counted; each weight is a subtract, divide and a
/// min/max clamp against its two edges).
/// </summary>
public sealed class MelWeightMatrixHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var bins = context.Ints(0);
        var dftLength = context.Ints(1);
        if (bins.Length != 1 || dftLength.Length != 1 || bins[0] < 0 || dftLength[0] < 0)
        {
            throw context.Invalid("num_mel_bins and dft_length must be non-negative scalars");
        }

        var type = (DataType)context.Int("output_datatype", (long)DataType.Float);
        var rows = (dftLength[0] / 2) + 1;
        context.SetOutput(0, type, new TensorShape(rows, bins[0]));
        context.AddFlops(FloatCost.Of(type, checked(rows * bins[0]), 4));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => InputRole.Control;
}
