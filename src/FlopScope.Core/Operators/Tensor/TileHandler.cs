using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>Tile(input, repeats): dimension i becomes dim_i * repeats_i. (Opset 1 took tiles and axis inputs; treated
/// the same when repeats has one entry per axis.) Values of small results are tiled. 0 FLOPs.</summary>
public sealed class TileHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var shape = context.Shape(0);
        var repeats = context.Ints(1);
        if (repeats.Length != shape.Rank || repeats.Any(r => r < 0))
        {
            throw context.Invalid($"repeats [{string.Join(",", repeats)}] do not fit input {shape}");
        }

        var output = new TensorShape(shape.Dims.Select((d, i) => d.IsKnown ? Dim.Of(checked(d.Value * repeats[i])) : repeats[i] == 1 ? d : repeats[i] == 0 ? 0 : Dim.Unknown("Tile")));
        TensorValue? value = null;
        if (shape.IsFullyKnown && input.Value is { } v)
        {
            var dims = shape.ToArray();
            var strides = TensorValues.Strides(dims);
            value = TensorValues.Map(v, output.ToArray(), coords =>
            {
                long index = 0;
                for (var i = 0; i < dims.Length; i++)
                {
                    index += coords[i] % dims[i] * strides[i];
                }

                return index;
            });
        }

        context.SetOutput(0, input.DataType, output, value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
