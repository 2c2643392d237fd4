using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators;

/// <summary>Shape arithmetic shared by handlers: broadcasting, axes, element counts.</summary>
public static class ShapeMath
{
    /// <summary>Numpy-style multidirectional broadcast of several shapes.</summary>
    public static TensorShape Broadcast(NodeContext context, params TensorShape[] shapes)
    {
        var rank = shapes.Max(s => s.Rank);
        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            Dim result = 1;
            foreach (var s in shapes)
            {
                var j = i - (rank - s.Rank);
                if (j < 0)
                {
                    continue;
                }

                var d = s[j];
                if (d.IsKnown && d.Value == 1)
                {
                    continue;
                }

                if (result.IsKnown && result.Value == 1)
                {
                    result = d;
                }
                else if (d.IsKnown && result.IsKnown && d.Value != result.Value)
                {
                    throw context.Invalid($"shapes {string.Join(" and ", shapes.Select(x => x.ToString()))} cannot be broadcast");
                }
                else if (!result.IsKnown && d.IsKnown)
                {
                    result = d;
                }
            }

            dims[i] = result;
        }

        return new TensorShape(dims);
    }

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>.</summary>
    public static int Axis(NodeContext context, long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < Math.Max(rank, 1)
            ? (int)a
            : throw context.Invalid($"axis {axis} is out of range for rank {rank}");
    }

    /// <summary>Product of known dimensions.</summary>
    public static long Product(IEnumerable<long> dims) => dims.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>Element count of a shape; throws <see cref="UnresolvedException"/> when a dimension is unknown.</summary>
    public static long Elements(TensorShape shape) =>
        shape.ElementCount ?? throw new UnresolvedException($"shape {shape} has data-dependent dimensions");
}
