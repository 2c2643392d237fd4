using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>Sum, Mean, Max, Min over any number of broadcast inputs: (inputs - 1) FLOPs per output element, plus one for Mean's division.</summary>
/// <param name="evaluate">Combines two known values.</param>
/// <param name="extraFlopsPerElement">FLOPs per element after combining (Mean's division).</param>
public sealed class VariadicHandler(BinaryFunction evaluate, int extraFlopsPerElement = 0) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var inputs = Enumerable.Range(0, context.InputCount).Where(context.HasInput).ToArray();
        var shape = ShapeMath.Broadcast(context, inputs.Select(context.Shape).ToArray());
        var type = context.TypeOf(inputs[0]);
        context.SetOutput(0, type, shape, extraFlopsPerElement == 0 && inputs.Length == 1 ? context.TryValue(inputs[0]) : null);
        if (inputs.Length == 2 && extraFlopsPerElement == 0 && context.TryValue(0) is { } a && context.TryValue(1) is { } b
            && shape.ElementCount <= GraphAnalyzer.MaxPropagatedElements)
        {
            context.SetOutput(0, type, shape, Broadcasting.Apply(shape, context.Shape(0), a, context.Shape(1), b, evaluate, type.IsIntegral()));
        }

        var elements = ShapeMath.Elements(shape);
        context.AddFlops(FloatCost.Of(type, elements, inputs.Length - 1 + extraFlopsPerElement));
    }
}
