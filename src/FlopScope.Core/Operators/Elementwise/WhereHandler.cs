using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>Where(condition, X, Y): a three-way broadcast select; no arithmetic. Values propagate (attention-mask and
/// dynamic-shape chains use it on shapes).</summary>
public sealed class WhereHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = ShapeMath.Broadcast(context, context.Shape(0), context.Shape(1), context.Shape(2));
        var type = context.TypeOf(1);
        Graph.TensorValue? value = null;
        if (context.TryValue(0) is { } c && context.TryValue(1) is { } x && context.TryValue(2) is { } y && shape.IsFullyKnown
            && shape.ElementCount <= GraphAnalyzer.MaxPropagatedElements)
        {
            var dims = shape.ToArray();
            var ci = Broadcasting.Indexer(dims, context.Dims(0));
            var xi = Broadcasting.Indexer(dims, context.Dims(1));
            var yi = Broadcasting.Indexer(dims, context.Dims(2));
            var count = (int)shape.ElementCount!.Value;
            value = x.Ints is not null && y.Ints is not null
                ? Graph.TensorValue.FromInts(Enumerable.Range(0, count).Select(i => c.AsLong(ci(i)) != 0 ? x.Ints[xi(i)] : y.Ints[yi(i)]).ToArray())
                : Graph.TensorValue.FromFloats(Enumerable.Range(0, count).Select(i => c.AsLong(ci(i)) != 0 ? x.AsDouble(xi(i)) : y.AsDouble(yi(i))).ToArray());
        }

        context.SetOutput(0, type, shape, value);
    }
}
