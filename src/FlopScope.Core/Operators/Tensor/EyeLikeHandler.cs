using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>EyeLike: a 2-D tensor of the input's shape with ones on diagonal k; type from <c>dtype</c> or the input.
/// Values are produced when small. 0 FLOPs.</summary>
public sealed class EyeLikeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        if (shape.Rank != 2)
        {
            throw context.Invalid($"input {shape} must be 2-D");
        }

        var type = context.HasAttribute("dtype") ? (DataType)context.Int("dtype") : context.TypeOf(0);
        var k = context.Int("k", 0);
        TensorValue? value = null;
        if (shape.IsFullyKnown && TensorValues.Fits(shape.ElementCount))
        {
            var (rows, cols) = (shape[0].Value, shape[1].Value);
            var ones = new double[rows * cols];
            for (long r = 0; r < rows; r++)
            {
                var c = r + k;
                if (c >= 0 && c < cols)
                {
                    ones[(r * cols) + c] = 1;
                }
            }

            value = type.IsIntegral() ? TensorValue.FromInts(ones.Select(v => (long)v).ToArray()) : TensorValue.FromFloats(ones);
        }

        context.SetOutput(0, type, shape, value);
    }
}
