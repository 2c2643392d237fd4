using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Flatten: a 2-D view [prod(dims before axis), prod(dims from axis)], axis in [-rank, rank] (default 1).
/// Values pass through. 0 FLOPs.</summary>
public sealed class FlattenHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var axis = context.Int("axis", 1);
        if (axis < 0)
        {
            axis += shape.Rank;
        }

        if (axis < 0 || axis > shape.Rank)
        {
            throw context.Invalid($"axis {context.Int("axis", 1)} is out of range for rank {shape.Rank}");
        }

        var outer = TensorValues.Product(shape.Dims.Take((int)axis), "Flatten");
        var inner = TensorValues.Product(shape.Dims.Skip((int)axis), "Flatten");
        context.SetOutput(0, input.DataType, new Graph.TensorShape([outer, inner]), input.Value);
    }
}
