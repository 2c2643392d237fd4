using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.ControlFlow;

/// <summary>Helpers for values flowing into and out of subgraphs: merging alternatives, stripping per-iteration values.</summary>
public static class SubgraphValues
{
    /// <summary>What is certain of a value that is either <paramref name="a"/> or <paramref name="b"/>: equal dimensions
    /// are kept, differing ones become <see cref="Dim.Unknown"/>; the rank is lost when ranks differ.</summary>
    public static TensorInfo? Merge(TensorInfo? a, TensorInfo? b, string reason)
    {
        if (a is null || b is null)
        {
            return null;
        }

        var type = a.DataType != DataType.Undefined ? a.DataType : b.DataType;
        TensorShape? shape = null;
        if (a.Shape is { } sa && b.Shape is { } sb && sa.Rank == sb.Rank)
        {
            shape = new TensorShape(sa.Dims.Zip(sb.Dims, (x, y) => x == y ? x : Dim.Unknown(reason)));
        }

        var value = a.Value is { } va && b.Value is { } vb && va.ToDoubles().SequenceEqual(vb.ToDoubles()) && Equals(shape, a.Shape) ? va : null;
        return new TensorInfo(type, shape, value);
    }

    /// <summary>The value's type and shape without its contents (which change from one iteration to the next).</summary>
    public static TensorInfo? WithoutValue(TensorInfo? info) => info is null ? null : info with { Value = null };

    /// <summary>The shape of a value stacked <paramref name="count"/> times along <paramref name="axis"/>.</summary>
    public static TensorInfo? Stacked(TensorInfo? slice, Dim count, int axis)
    {
        if (slice is null)
        {
            return null;
        }

        if (slice.Shape is not { } shape)
        {
            return new TensorInfo(slice.DataType, null);
        }

        var dims = shape.Dims.ToList();
        dims.Insert(axis, count);
        return new TensorInfo(slice.DataType, new TensorShape(dims));
    }

    /// <summary>Final loop-carried values: the body's output when its shape is stable, else the merge of the initial value
    /// and the body's output (with a note naming the value).</summary>
    public static TensorInfo? Carried(NodeContext context, TensorInfo? initial, TensorInfo? bodyOutput, string name)
    {
        if (bodyOutput is null)
        {
            return null;
        }

        if (initial?.Shape is { } s && bodyOutput.Shape is { } b && !s.Equals(b))
        {
            context.Note($"loop-carried value '{name}' changes shape from {s} to {b} across iterations");
            return Merge(initial, bodyOutput, context.Node.OpType);
        }

        return WithoutValue(bodyOutput);
    }
}
