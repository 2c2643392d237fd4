using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>NonZero: int64 indices [rank, n] where n, the number of non-zero elements, is data-dependent (unknown)
/// unless the input's values are known. Cost: one comparison per input element for floating-point input.</summary>
public sealed class NonZeroHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        Dim count = Dim.Unknown("NonZero");
        TensorValue? value = null;
        if (input.Value is { } v && shape.IsFullyKnown)
        {
            var dims = shape.ToArray();
            var strides = TensorValues.Strides(dims);
            var hits = Enumerable.Range(0, v.Length).Where(i => v.AsDouble(i) != 0).ToArray();
            count = hits.Length;
            var result = new long[dims.Length * hits.Length];
            for (var axis = 0; axis < dims.Length; axis++)
            {
                for (var k = 0; k < hits.Length; k++)
                {
                    result[(axis * hits.Length) + k] = hits[k] / strides[axis] % dims[axis];
                }
            }

            value = TensorValue.FromInts(result);
        }

        context.SetOutput(0, DataType.Int64, new TensorShape([shape.Rank, count]), value);
        context.AddFlops(Elementwise.FloatCost.Of(input.DataType, ShapeMath.Elements(shape), 1));
    }
}
