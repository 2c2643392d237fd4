using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Helpers for propagating the contents of small tensors through data-movement ops.</summary>
internal static class TensorValues
{
    /// <summary>True when a tensor of <paramref name="count"/> elements is small enough to propagate.</summary>
    public static bool Fits(long? count) => count is { } c && c <= GraphAnalyzer.MaxPropagatedElements;

    /// <summary>Row-major strides of <paramref name="dims"/>.</summary>
    public static long[] Strides(IReadOnlyList<long> dims)
    {
        var strides = new long[dims.Count];
        long stride = 1;
        for (var i = dims.Count - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= dims[i];
        }

        return strides;
    }

    /// <summary>
    /// Builds the value of an output of dimensions <paramref name="outDims"/> whose every element is copied from
    /// <paramref name="source"/>: <paramref name="sourceIndex"/> maps output coordinates to a flat source index, or to -1
    /// for <paramref name="fill"/>. Returns null when the source is unknown or the output too large.
    /// </summary>
    public static TensorValue? Map(TensorValue? source, long[] outDims, Func<long[], long> sourceIndex, double fill = 0)
    {
        var count = ShapeMath.Product(outDims);
        if (source is null || !Fits(count))
        {
            return null;
        }

        var coords = new long[outDims.Length];
        var ints = source.Ints is not null ? new long[count] : null;
        var floats = ints is null ? new double[count] : null;
        for (var flat = 0; flat < count; flat++)
        {
            var s = sourceIndex(coords);
            if (ints is not null)
            {
                ints[flat] = s < 0 ? (long)fill : source.Ints![s];
            }
            else
            {
                floats![flat] = s < 0 ? fill : source.Floats![s];
            }

            for (var axis = outDims.Length - 1; axis >= 0; axis--)
            {
                if (++coords[axis] < outDims[axis])
                {
                    break;
                }

                coords[axis] = 0;
            }
        }

        return ints is not null ? TensorValue.FromInts(ints) : TensorValue.FromFloats(floats!);
    }

    /// <summary>Flat index of <paramref name="coords"/> with the given strides.</summary>
    public static long Flat(long[] coords, long[] strides)
    {
        long index = 0;
        for (var i = 0; i < coords.Length; i++)
        {
            index += coords[i] * strides[i];
        }

        return index;
    }

    /// <summary>A tensor of <paramref name="count"/> copies of <paramref name="value"/>, integral or floating per <paramref name="type"/>.</summary>
    public static TensorValue Filled(DataType type, long count, double value) => type.IsIntegral()
        ? TensorValue.FromInts(Enumerable.Repeat((long)value, (int)count).ToArray())
        : TensorValue.FromFloats(Enumerable.Repeat(value, (int)count).ToArray());

    /// <summary>The product of dimensions that may be unknown: known when all are known, the single unknown one when
    /// the others multiply to 1, otherwise an unknown dimension naming <paramref name="op"/>.</summary>
    public static Dim Product(IEnumerable<Dim> dims, string op)
    {
        long known = 1;
        Dim? unknown = null;
        var unknownCount = 0;
        foreach (var d in dims)
        {
            if (d.IsKnown)
            {
                known = checked(known * d.Value);
            }
            else
            {
                unknown = d;
                unknownCount++;
            }
        }

        return unknownCount switch
        {
            0 => known,
            _ when known == 0 => 0,
            1 when known == 1 => unknown!.Value,
            _ => Dim.Unknown(op),
        };
    }

    /// <summary>Axes read from attribute <paramref name="name"/> before <paramref name="inputFromOpset"/>, from input
    /// <paramref name="inputIndex"/> from it on; null when absent.</summary>
    public static long[]? AxesAttributeOrInput(NodeContext context, string name, long inputFromOpset, int inputIndex) =>
        context.Opset < inputFromOpset ? context.IntList(name) : context.HasInput(inputIndex) ? context.Ints(inputIndex) : null;
}
