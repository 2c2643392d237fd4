using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Size: the input's element count as an int64 scalar, known when every dimension is. 0 FLOPs.</summary>
public sealed class SizeHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var count = context.Shape(0).ElementCount;
        context.SetOutput(0, DataType.Int64, TensorShape.Scalar, count is { } c ? TensorValue.FromInts([c]) : null);
    }
}
