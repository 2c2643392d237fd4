using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// DynamicQuantizeLinear(x): y (uint8, x's shape), y_scale and y_zero_point (scalars). Cost: 4 FLOPs per element: the
/// min and max reductions (one comparison each) and the quantization (scale and zero-point steps); the scalar scale and
/// zero-point computation is not counted.
/// </summary>
public sealed class DynamicQuantizeLinearHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        context.SetOutput(0, DataType.UInt8, shape);
        context.SetOutput(1, DataType.Float, TensorShape.Scalar);
        context.SetOutput(2, DataType.UInt8, TensorShape.Scalar);
        context.AddFlops(checked(4 * ShapeMath.Elements(shape)));
    }
}
