using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>
/// A broadcasting binary op (arithmetic, comparison, logic). Propagates values when both operands are known, so shape
/// arithmetic in exported graphs (Shape -> Gather -> Mul -> Concat -> Reshape) resolves. Cost: one FLOP per output
/// element for floating-point operands, zero for integers and booleans.
/// </summary>
/// <param name="evaluate">Computes one result element, or null when values are not propagated.</param>
/// <param name="returnsBool">True for comparisons (output type Bool).</param>
/// <param name="flopsPerElement">FLOPs per output element.</param>
public sealed class BinaryHandler(BinaryFunction? evaluate, bool returnsBool = false, int flopsPerElement = 1) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var a = context.Input(0);
        var b = context.Input(1);
        var shape = ShapeMath.Broadcast(context, context.Shape(0), context.Shape(1));
        var type = returnsBool ? DataType.Bool : a.DataType;
        TensorValue? value = null;
        if (evaluate is not null && a.Value is { } av && b.Value is { } bv && shape.ElementCount is { } count && count <= GraphAnalyzer.MaxPropagatedElements)
        {
            value = Broadcasting.Apply(shape, context.Shape(0), av, context.Shape(1), bv, evaluate, type.IsIntegral());
        }

        context.SetOutput(0, type, shape, value);
        context.AddFlops(FloatCost.Of(a.DataType, ShapeMath.Elements(shape), flopsPerElement));
    }
}
