using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// BatchNormalization over N x C x D1 x ... (rank 1 and 2 inputs allowed: C is axis 1 when present). Inference:
/// 2 FLOPs per element (scale and shift folded per channel once, at load, not counted). Training (training_mode = 1
/// from opset 14; before it, when an optional statistics output is listed): 6 FLOPs per element (mean sum, subtract,
/// square, variance sum, scale, shift) plus 11 per channel (mean and variance divides, epsilon add, sqrt, reciprocal
/// and the running mean/variance momentum updates, 3 each). Outputs 1..4 (running or saved mean and variance) have
/// the channel shape: C, or X's shape without N when spatial = 0 (opsets before 9).
/// </summary>
public sealed class BatchNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (shape.Rank < 1)
        {
            throw context.Invalid("input is a scalar");
        }

        var perActivation = context.Opset < 9 && context.Int("spatial", 1) == 0;
        var statistics = perActivation
            ? new TensorShape(shape.Dims.Skip(1))
            : new TensorShape(new[] { shape.Rank > 1 ? shape[1] : Dim.Of(1) });
        for (var i = 1; i <= 4 && i < context.InputCount; i++)
        {
            CheckParameter(context, i, statistics);
        }

        var training = context.Opset >= 14
            ? context.Int("training_mode", 0) != 0
            : Enumerable.Range(1, Math.Max(0, context.OutputCount - 1)).Any(context.HasOutput);
        context.SetOutput(0, input.DataType, shape);
        for (var i = 1; i < context.OutputCount; i++)
        {
            var source = i % 2 == 1 ? 3 : 4;
            var type = context.HasInput(source) ? context.TypeOf(source) : input.DataType;
            context.SetOutput(i, type, statistics);
        }

        var elements = ShapeMath.Elements(shape);
        if (training)
        {
            context.AddFlops(FloatCost.Of(input.DataType, elements, 6));
            context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(statistics), 11));
        }
        else
        {
            context.AddFlops(FloatCost.Of(input.DataType, elements, 2));
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index switch
    {
        1 or 2 => InputRole.Scale,
        3 or 4 => InputRole.Statistic,
        _ => InputRole.Data,
    };

    private static void CheckParameter(NodeContext context, int index, TensorShape expected)
    {
        if (context.OptionalInput(index)?.Shape is not { } shape)
        {
            return;
        }

        var mismatch = shape.Rank != expected.Rank
            || shape.Dims.Zip(expected.Dims).Any(p => p.First.IsKnown && p.Second.IsKnown && p.First.Value != p.Second.Value);
        if (mismatch)
        {
            throw context.Invalid($"input {index} has shape {shape}, expected {expected}");
        }
    }
}
