using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Concat: inputs of equal rank joined along <c>axis</c> (negative from opset 11; default 1 before opset 4). Values are
/// concatenated when every input's are known (the Shape -> Gather -> Unsqueeze -> Concat -> Reshape chain). 0 FLOPs.
/// </summary>
public sealed class ConcatHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var present = Enumerable.Range(0, context.InputCount).Where(context.HasInput).ToArray();
        if (present.Length == 0)
        {
            throw context.Invalid("has no inputs");
        }

        var shapes = present.Select(context.Shape).ToArray();
        var rank = shapes[0].Rank;
        if (shapes.Any(s => s.Rank != rank))
        {
            throw context.Invalid($"inputs have different ranks ({string.Join(", ", shapes.Select(s => s.ToString()))})");
        }

        if (rank == 0)
        {
            throw context.Invalid("cannot concatenate scalars");
        }

        var axis = context.Opset < 4 && !context.HasAttribute("axis") ? 1 : ShapeMath.Axis(context, context.Int("axis"), rank);
        var dims = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            if (i == axis)
            {
                dims[i] = Sum(shapes.Select(s => s[axis]));
                continue;
            }

            dims[i] = shapes[0][i];
            foreach (var s in shapes)
            {
                var d = s[i];
                if (d.IsKnown && dims[i].IsKnown && d.Value != dims[i].Value)
                {
                    throw context.Invalid($"inputs {string.Join(" and ", shapes.Select(x => x.ToString()))} differ outside axis {axis}");
                }

                if (!dims[i].IsKnown && d.IsKnown)
                {
                    dims[i] = d;
                }
            }
        }

        var output = new TensorShape(dims);
        var type = context.TypeOf(present[0]);
        context.SetOutput(0, type, output, ConcatValues(context, present, shapes, output, axis));
    }

    private static Dim Sum(IEnumerable<Dim> dims)
    {
        long total = 0;
        Dim? unknown = null;
        var unknownCount = 0;
        foreach (var d in dims)
        {
            if (d.IsKnown)
            {
                total = checked(total + d.Value);
            }
            else
            {
                unknown = d;
                unknownCount++;
            }
        }

        return unknownCount switch
        {
            0 => total,
            1 when total == 0 => unknown!.Value,
            _ => Dim.Unknown("Concat"),
        };
    }

    private static TensorValue? ConcatValues(NodeContext context, int[] present, TensorShape[] shapes, TensorShape output, int axis)
    {
        if (!output.IsFullyKnown || !TensorValues.Fits(output.ElementCount))
        {
            return null;
        }

        var values = present.Select(context.TryValue).ToArray();
        if (values.Any(v => v is null))
        {
            return null;
        }

        var outer = ShapeMath.Product(output.ToArray().Take(axis));
        var blocks = shapes.Select(s => ShapeMath.Product(s.ToArray().Skip(axis))).ToArray();
        if (values.All(v => v!.Ints is not null))
        {
            var ints = new List<long>();
            for (long o = 0; o < outer; o++)
            {
                for (var k = 0; k < values.Length; k++)
                {
                    ints.AddRange(values[k]!.Ints!.Skip((int)(o * blocks[k])).Take((int)blocks[k]));
                }
            }

            return TensorValue.FromInts(ints.ToArray());
        }

        var floats = new List<double>();
        for (long o = 0; o < outer; o++)
        {
            for (var k = 0; k < values.Length; k++)
            {
                floats.AddRange(values[k]!.ToDoubles().Skip((int)(o * blocks[k])).Take((int)blocks[k]));
            }
        }

        return TensorValue.FromFloats(floats.ToArray());
    }
}
