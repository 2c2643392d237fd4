using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>
/// PRelu(X, slope): output has X's shape. From opset 7 slope broadcasts to X numpy-style (unidirectionally); before
/// that (PRelu-1/6) slope is either a single value or a 1-D tensor of X's channel count (axis 1), applied per channel,
/// as old PyTorch exports write it. Cost: 2 FLOPs per element (compare, multiply).
/// </summary>
public sealed class PReluHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var x = context.Input(0);
        var shape = context.Shape(0);
        var slope = context.Shape(1);
        if (context.Opset >= 7)
        {
            var broadcast = ShapeMath.Broadcast(context, shape, slope);
            if (broadcast.Rank != shape.Rank || !broadcast.Dims.Zip(shape.Dims).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First.Value == p.Second.Value))
            {
                throw context.Invalid($"slope {slope} does not broadcast to input {shape}");
            }
        }
        else if (!(slope.ElementCount == 1 || (slope.Rank == 1 && shape.Rank >= 2 && Equals(slope[0], shape[1])) || Equals(slope, shape)))
        {
            throw context.Invalid($"slope {slope} is neither one value nor one per channel of input {shape}");
        }

        context.SetOutput(0, x.DataType, shape);
        context.AddFlops(FloatCost.Of(x.DataType, ShapeMath.Elements(shape), 2));
    }
}
