using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Shape: the input's dimensions as a 1-D int64 tensor; from opset 15 the optional <c>start</c>/<c>end</c> attributes
/// (negative counts from the back, clamped to [0, rank]) select a range. The value is known when the selected
/// dimensions are. 0 FLOPs.
/// </summary>
public sealed class ShapeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var rank = shape.Rank;
        long start = 0;
        long end = rank;
        if (context.Opset >= 15)
        {
            start = Clamp(context.Int("start", 0), rank);
            end = context.HasAttribute("end") ? Clamp(context.Int("end"), rank) : rank;
        }

        var selected = shape.Dims.Skip((int)start).Take((int)Math.Max(0, end - start)).ToArray();
        var value = selected.All(d => d.IsKnown) ? TensorValue.FromInts(selected.Select(d => d.Value).ToArray()) : null;
        context.SetOutput(0, DataType.Int64, new TensorShape(selected.Length), value);
    }

    private static long Clamp(long index, int rank) => Math.Clamp(index < 0 ? index + rank : index, 0, rank);
}
