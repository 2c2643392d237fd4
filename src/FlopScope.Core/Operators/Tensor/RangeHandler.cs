using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Range(start, limit, delta): a 1-D tensor of max(ceil((limit - start) / delta), 0) elements, values propagated when
/// small. The length is data-dependent (unknown) when the scalars are not known statically. Cost: one add per element
/// for floating-point types, 0 for integers.
/// </summary>
public sealed class RangeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var type = context.TypeOf(0);
        var start = context.TryValue(0);
        var limit = context.TryValue(1);
        var delta = context.TryValue(2);
        if (start is not { Length: 1 } || limit is not { Length: 1 } || delta is not { Length: 1 })
        {
            context.SetOutput(0, type, new TensorShape([Dim.Unknown("Range")]));
            return;
        }

        long count;
        TensorValue? value = null;
        if (type.IsIntegral())
        {
            var (s, l, d) = (start.AsLong(0), limit.AsLong(0), delta.AsLong(0));
            if (d == 0)
            {
                throw context.Invalid("delta is 0");
            }

            var span = l - s;
            count = Math.Max(0, span / d + (span % d != 0 && (span > 0) == (d > 0) ? 1 : 0));
            if (TensorValues.Fits(count))
            {
                value = TensorValue.FromInts(Enumerable.Range(0, (int)count).Select(i => s + (i * d)).ToArray());
            }
        }
        else
        {
            var (s, l, d) = (start.AsDouble(0), limit.AsDouble(0), delta.AsDouble(0));
            if (d == 0)
            {
                throw context.Invalid("delta is 0");
            }

            count = (long)Math.Max(0, Math.Ceiling((l - s) / d));
            if (TensorValues.Fits(count))
            {
                value = TensorValue.FromFloats(Enumerable.Range(0, (int)count).Select(i => s + (i * d)).ToArray());
            }
        }

        context.SetOutput(0, type, new TensorShape(count), value);
        context.AddFlops(FloatCost.Of(type, count, 1));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => InputRole.Control;
}
