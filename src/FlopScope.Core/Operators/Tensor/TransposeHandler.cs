using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Transpose: output dimension i is input dimension perm[i] (perm defaults to reversing the axes). Values of
/// small tensors are permuted. 0 FLOPs.</summary>
public sealed class TransposeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var rank = shape.Rank;
        var perm = context.IntList("perm") is { Length: > 0 } p ? p : Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray();
        if (perm.Length != rank || perm.Any(a => a < 0 || a >= rank) || perm.Distinct().Count() != rank)
        {
            throw context.Invalid($"perm [{string.Join(",", perm)}] is not a permutation of {rank} axes");
        }

        var output = new TensorShape(perm.Select(a => shape[(int)a]));
        TensorValue? value = null;
        if (shape.IsFullyKnown && input.Value is { } v)
        {
            var strides = TensorValues.Strides(shape.ToArray());
            value = TensorValues.Map(v, output.ToArray(), coords =>
            {
                long index = 0;
                for (var i = 0; i < rank; i++)
                {
                    index += coords[i] * strides[perm[i]];
                }

                return index;
            });
        }

        context.SetOutput(0, input.DataType, output, value);
    }
}
