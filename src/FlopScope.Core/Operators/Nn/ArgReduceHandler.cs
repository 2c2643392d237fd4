using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// ArgMax and ArgMin: int64 indices along <c>axis</c> (default 0), keepdims (default 1), select_last_index (opset
/// 12) picking the last of tied extremes. Values are propagated for small known inputs. Cost: one comparison per
/// input element for floating-point inputs.
/// </summary>
/// <param name="max">True for ArgMax, false for ArgMin.</param>
public sealed class ArgReduceHandler(bool max) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = ShapeMath.Axis(context, context.Int("axis", 0), shape.Rank);
        if (shape.Rank > 0 && shape[axis] is { IsKnown: true, Value: 0 })
        {
            throw context.Invalid($"axis {axis} is empty; there is no extreme to index");
        }

        var layout = new ReductionLayout(shape, shape.Rank == 0 ? [] : [axis], context.Int("keepdims", 1) != 0);
        context.SetOutput(0, DataType.Int64, layout.Output, Evaluate(context, layout, input, axis));
        context.AddFlops(FloatCost.Of(input.DataType, ShapeMath.Elements(shape), 1));
    }

    private TensorValue? Evaluate(NodeContext context, ReductionLayout layout, TensorInfo input, int axis)
    {
        if (input.Value is not { } value || !layout.Input.IsFullyKnown || layout.Output.ElementCount is not { } count
            || count > GraphAnalyzer.MaxPropagatedElements || value.Length != layout.Input.ElementCount)
        {
            return null;
        }

        var last = context.Int("select_last_index", 0) != 0;
        var dims = layout.Input.ToArray();
        var inner = ShapeMath.Product(dims.Skip(axis + 1));
        var size = dims.Length == 0 ? 1 : dims[axis];
        var target = layout.OutputIndexOfEachInput();
        var best = new double[count];
        var index = new long[count];
        var seen = new bool[count];
        var doubles = value.ToDoubles();
        for (var i = 0; i < doubles.Length; i++)
        {
            var o = target[i];
            var position = i / inner % size;
            var x = doubles[i];
            var better = !seen[o] || (max ? x > best[o] : x < best[o]) || (last && x == best[o]);
            if (better)
            {
                best[o] = x;
                index[o] = position;
                seen[o] = true;
            }
        }

        return TensorValue.FromInts(index);
    }
}
