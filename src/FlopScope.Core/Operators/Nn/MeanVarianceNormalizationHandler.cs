using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>
/// MeanVarianceNormalization: (X - mean) / sqrt(variance) over <c>axes</c> (default [0, 2, 3]). Cost
/// (<see cref="NormalizationCost"/>): per element 5, per normalized group 5, no affine terms.
/// </summary>
public sealed class MeanVarianceNormalizationHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axes = (context.IntList("axes") ?? [0, 2, 3]).Select(a => ShapeMath.Axis(context, a, shape.Rank)).ToArray();
        if (axes.Distinct().Count() != axes.Length)
        {
            throw context.Invalid("axes repeat an axis");
        }

        context.SetOutput(0, input.DataType, shape);
        var elements = ShapeMath.Elements(shape);
        var groups = Enumerable.Range(0, shape.Rank).Where(i => !axes.Contains(i)).Aggregate(1L, (p, i) => checked(p * shape[i].Value));
        context.AddFlops(NormalizationCost.Of(input.DataType, elements, groups, 0));
    }
}
