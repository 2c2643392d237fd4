using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Linear;

/// <summary>
/// Conv and its variants. MACs = N x M x prod(output spatial) x (C / group) x prod(kernel); a bias adds one FLOP per
/// output element. Input positions differ for QLinearConv (x, w, bias at 0, 3, 8) and ConvInteger (x, w at 0, 1).
/// </summary>
/// <param name="xIndex">Position of the data input.</param>
/// <param name="wIndex">Position of the weight input.</param>
/// <param name="biasIndex">Position of the bias input, or -1.</param>
/// <param name="outputType">Output element type, or null for the input's type.</param>
/// <param name="extraFlopsPerOutput">FLOPs per output element beyond bias (FusedConv's activation, Z add).</param>
/// <param name="outputTypeInput">Input whose element type the output takes (QLinearConv's y_zero_point), or -1.</param>
public sealed class ConvHandler(int xIndex = 0, int wIndex = 1, int biasIndex = 2, DataType? outputType = null, int extraFlopsPerOutput = 0, int outputTypeInput = -1) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Dims(xIndex);
        var w = context.Dims(wIndex);
        var (output, kernel) = SpatialWindow.Convolution(context, x, w);
        var outputElements = ShapeMath.Product(output);
        context.SetOutput(0, outputTypeInput >= 0 ? context.TypeOf(outputTypeInput) : outputType ?? context.TypeOf(xIndex), new TensorShape(output));
        context.AddMacs(checked(outputElements * w[1] * ShapeMath.Product(kernel)));
        if (biasIndex >= 0 && context.HasInput(biasIndex))
        {
            context.AddFlops(outputElements);
        }

        context.AddFlops(checked(outputElements * extraFlopsPerOutput));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) =>
        index == wIndex ? InputRole.Weight : index == biasIndex ? InputRole.Bias : InputRole.Data;
}
