using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Microsoft;

/// <summary>
/// LayerNorm-family fusions of ONNX Runtime: SkipLayerNormalization, SkipSimplifiedLayerNormalization and
/// SimplifiedLayerNormalization (RMS norm). Output has the input's shape; mean / inv_std_var outputs keep the leading
/// dimensions and 1 for each normalized one (float); input_skip_bias_sum (output 3) has the input's shape.
/// FLOPs per element: LayerNorm 6 (mean sum, subtract, square, variance sum, scale by 1/std, gamma) + 1 with beta;
/// RMS 4 (square, sum, scale by 1/rms, gamma); + 1 for the skip add and + 1 for the bias add. Per normalized row:
/// LayerNorm 5 (two divides, epsilon add, sqrt, reciprocal), RMS 4 (divide, epsilon add, sqrt, reciprocal).
/// </summary>
/// <param name="simplified">True for the RMS variants.</param>
/// <param name="skip">True for the Skip variants (inputs input, skip, gamma, then beta/bias).</param>
public sealed class NormalizationHandler(bool simplified, bool skip) : IOperatorHandler
{
    private int GammaIndex => skip ? 2 : 1;

    private int BetaIndex => skip && !simplified ? 3 : -1;

    private int BiasIndex => !skip ? -1 : simplified ? 3 : 4;

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Shape(0);
        if (x.Rank == 0)
        {
            throw context.Invalid("input must have rank 1 or more");
        }

        if (skip)
        {
            var s = context.Shape(1);
            var broadcast = ShapeMath.Broadcast(context, x, s);
            if (broadcast.Rank != x.Rank || broadcast.Dims.Zip(x.Dims).Any(p => p.First.IsKnown && p.Second.IsKnown && p.First.Value != p.Second.Value))
            {
                throw context.Invalid($"skip {s} does not broadcast to input {x}");
            }
        }

        var axis = skip ? x.Rank - 1 : ShapeMath.Axis(context, context.Int("axis", -1), x.Rank);
        var type = context.TypeOf(0);
        var stats = new TensorShape(x.Dims.Select((d, i) => i < axis ? d : (Dim)1));
        context.SetOutput(0, type, x);
        if (skip)
        {
            context.SetOutput(1, DataType.Float, stats);
            context.SetOutput(2, DataType.Float, stats);
            context.SetOutput(3, type, x);
        }
        else
        {
            context.SetOutput(1, DataType.Float, stats);
        }

        var dims = context.Dims(0);
        var elements = ShapeMath.Product(dims);
        var rows = ShapeMath.Product(dims.Take(axis));
        var perElement = (simplified ? 4 : 6) + (BetaIndex >= 0 && context.HasInput(BetaIndex) ? 1 : 0)
            + (skip ? 1 : 0) + (BiasIndex >= 0 && context.HasInput(BiasIndex) ? 1 : 0);
        var perRow = simplified ? 4 : 5;
        context.AddFlops(Elementwise.FloatCost.Of(type, checked((elements * perElement) + (rows * perRow)), 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) =>
        index == GammaIndex || index == BetaIndex ? InputRole.Scale : index == BiasIndex ? InputRole.Bias : InputRole.Data;
}
