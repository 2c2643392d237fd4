using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Operators.Elementwise;

namespace FlopScope.Operators.Tensor;

/// <summary>Expand(input, shape): bidirectional broadcast of the input with the requested shape (a 1 in the shape keeps
/// the input's dimension). Values of small results are broadcast. 0 FLOPs (data movement).</summary>
public sealed class ExpandHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var requested = context.Ints(1);
        if (requested.Any(d => d < 0))
        {
            throw context.Invalid($"shape [{string.Join(",", requested)}] has a negative dimension");
        }

        var output = ShapeMath.Broadcast(context, shape, new TensorShape(requested));
        TensorValue? value = null;
        if (output.IsFullyKnown && shape.IsFullyKnown && input.Value is { } v)
        {
            var outDims = output.ToArray();
            var strides = TensorValues.Strides(outDims);
            var indexer = Broadcasting.Indexer(outDims, shape.ToArray());
            value = TensorValues.Map(v, outDims, coords => indexer((int)TensorValues.Flat(coords, strides)));
        }

        context.SetOutput(0, input.DataType, output, value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
