using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Elementwise;

/// <summary>Cast and CastLike: a type conversion, counted as data movement (0 FLOPs). Values propagate, truncating
/// toward zero when a float becomes an integer.</summary>
/// <param name="like">True for CastLike (target type from input 1).</param>
public sealed class CastHandler(bool like) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var input = context.Input(0);
        var target = like ? context.TypeOf(1) : (DataType)context.Int("to");
        TensorValue? value = null;
        if (input.Value is { } v)
        {
            value = target == DataType.Bool
                ? TensorValue.FromInts(v.ToDoubles().Select(d => d != 0 ? 1L : 0L).ToArray())
                : target.IsIntegral() ? TensorValue.FromInts(v.ToLongs()) : TensorValue.FromFloats(v.ToDoubles());
        }

        context.SetOutput(0, target, input.Shape, value);
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 ? InputRole.Data : InputRole.Control;
}
