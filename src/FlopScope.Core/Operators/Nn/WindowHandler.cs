using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Nn;

/// <summary>
/// HannWindow, HammingWindow, BlackmanWindow (opset 17): a 1-D window of the length given by the scalar input.
/// FLOPs per element: Hann and Hamming a0 - a1 cos(2 pi n / N) = 4 (divide, multiply, cos, multiply-subtract counted
/// as two); Blackman adds a second cosine term, 7.
/// </summary>
/// <param name="flopsPerElement">FLOPs per window element.</param>
public sealed class WindowHandler(int flopsPerElement) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var size = context.Ints(0);
        if (size.Length != 1 || size[0] < 0)
        {
            throw context.Invalid("the window size must be one non-negative integer");
        }

        var type = (DataType)context.Int("output_datatype", (long)DataType.Float);
        context.SetOutput(0, type, new TensorShape(size[0]));
        context.AddFlops(FloatCost.Of(type, size[0], flopsPerElement));
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => InputRole.Control;
}
