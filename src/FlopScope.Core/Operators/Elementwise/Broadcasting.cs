using FlopScope.Graph;

namespace FlopScope.Operators.Elementwise;

/// <summary>Evaluates broadcasting elementwise functions on small known tensors.</summary>
public static class Broadcasting
{
    /// <summary>Applies <paramref name="f"/> to every broadcast element pair of two known tensors.</summary>
    public static TensorValue Apply(TensorShape output, TensorShape aShape, TensorValue a, TensorShape bShape, TensorValue b,
        BinaryFunction f, bool integral)
    {
        var outDims = output.ToArray();
        var count = (int)ShapeMath.Product(outDims);
        var ai = Indexer(outDims, aShape.ToArray());
        var bi = Indexer(outDims, bShape.ToArray());
        if (integral && a.Ints is { } ax && b.Ints is { } bx)
        {
            var ints = new long[count];
            for (var i = 0; i < count; i++)
            {
                ints[i] = f.Integer(ax[ai(i)], bx[bi(i)]);
            }

            return TensorValue.FromInts(ints);
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = f.Float(a.AsDouble(ai(i)), b.AsDouble(bi(i)));
        }

        return integral ? TensorValue.FromInts(values.Select(v => (long)v).ToArray()) : TensorValue.FromFloats(values);
    }

    /// <summary>Maps a flat output index to the flat index of an operand broadcast to the output's dimensions.</summary>
    public static Func<int, int> Indexer(long[] outDims, long[] operandDims)
    {
        var rank = outDims.Length;
        var offset = rank - operandDims.Length;
        var strides = new long[rank];
        long stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var j = i - offset;
            var dim = j >= 0 ? operandDims[j] : 1;
            strides[i] = dim == 1 ? 0 : stride;
            stride *= dim;
        }

        return flat =>
        {
            long index = 0;
            long rest = flat;
            for (var i = rank - 1; i >= 0; i--)
            {
                var coordinate = rest % outDims[i];
                rest /= outDims[i];
                index += coordinate * strides[i];
            }

            return (int)index;
        };
    }
}
