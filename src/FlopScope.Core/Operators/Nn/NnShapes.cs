using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Nn;

/// <summary>Shape helpers shared by the neural-network handlers.</summary>
public static class NnShapes
{
    /// <summary>The dimensions of <paramref name="shape"/> from <paramref name="from"/> on, which must be known
    /// (spatial sizes of pooling and resizing); throws <see cref="UnresolvedException"/> otherwise.</summary>
    public static long[] KnownFrom(NodeContext context, TensorShape shape, int from)
    {
        var dims = new long[shape.Rank - from];
        for (var i = from; i < shape.Rank; i++)
        {
            dims[i - from] = shape[i].IsKnown
                ? shape[i].Value
                : throw new UnresolvedException($"{context.Describe()} needs the size of axis {i} of input '{context.Node.Inputs[0]}' ({shape})");
        }

        return dims;
    }

    /// <summary>Product of the known dimensions <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive);
    /// throws <see cref="UnresolvedException"/> when one is unknown.</summary>
    public static long Product(TensorShape shape, int from, int to)
    {
        long product = 1;
        for (var i = from; i < to; i++)
        {
            product = checked(product * (shape[i].IsKnown ? shape[i].Value : throw new UnresolvedException($"dimension {i} of {shape} is not known")));
        }

        return product;
    }

    /// <summary>The type named by a <c>stash_type</c>-style attribute value, checked to be an ONNX element type.</summary>
    public static DataType TypeFromAttribute(NodeContext context, long value) =>
        Enum.IsDefined(typeof(DataType), (int)value) && value > 0
            ? (DataType)(int)value
            : throw context.Invalid($"{value} is not an ONNX element type");
}
