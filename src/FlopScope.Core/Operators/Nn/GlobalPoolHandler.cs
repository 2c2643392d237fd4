using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// GlobalMaxPool, GlobalAveragePool and GlobalLpPool: N x C x D1 x ... to N x C x 1 x ... . Cost as
/// <see cref="PoolHandler"/> with the whole spatial extent as the window: GlobalMaxPool one comparison per input
/// element, GlobalAveragePool one add per input element plus one divide per output, GlobalLpPool three per input
/// element plus one root per output.
/// </summary>
/// <param name="kind">The aggregation.</param>
public sealed class GlobalPoolHandler(PoolKind kind) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        if (shape.Rank < 2)
        {
            throw context.Invalid($"input of rank {shape.Rank} has no channel axis (expected N x C x D1 x ...)");
        }

        var output = new TensorShape(shape.Dims.Select((d, i) => i < 2 ? d : Dim.Of(1)));
        context.SetOutput(0, input.DataType, output);
        var window = NnShapes.Product(shape, 2, shape.Rank);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(output), PoolHandler.FlopsPerOutput(kind, window)));
    }
}
