using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>
/// A unary elementwise op (activation, math function): output has the input's shape; cost is
/// <c>flopsPerElement</c> per element (see docs/cost-model.md for each op's figure and why).
/// </summary>
/// <param name="flopsPerElement">FLOPs per output element.</param>
/// <param name="evaluate">Computes a value from a known input value (for shape arithmetic), or null.</param>
/// <param name="outputType">Fixed output type (Bool for IsNaN), or null for the input's type.</param>
public sealed class UnaryHandler(int flopsPerElement, Func<double, double>? evaluate = null, DataType? outputType = null) : IOperatorHandler
{
    /// <summary>FLOPs per element.</summary>
    public int FlopsPerElement => flopsPerElement;

    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var type = outputType ?? input.DataType;
        TensorValue? value = null;
        if (evaluate is not null && input.Value is { } v)
        {
            var results = v.ToDoubles().Select(evaluate).ToArray();
            value = type.IsIntegral() ? TensorValue.FromInts(results.Select(r => (long)r).ToArray()) : TensorValue.FromFloats(results);
        }

        context.SetOutput(0, type, input.Shape, value);
        var shape = context.Shape(0);
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(shape), flopsPerElement));
    }
}
