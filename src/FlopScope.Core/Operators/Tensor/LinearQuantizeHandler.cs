using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// QuantizeLinear (y = saturate(round(x / scale) + zero_point)) and DequantizeLinear (y = (x - zero_point) * scale).
/// The scale is a scalar (per tensor), 1-D of length dim[axis] (per axis, opset 13+), or of x's rank with
/// dim[axis] = ceil(D / block_size) (blocked, opset 21+). QuantizeLinear's output type is zero point's, else the
/// <c>output_dtype</c> attribute, else uint8; DequantizeLinear's is the scale's (or <c>output_dtype</c>). Cost: 2 FLOPs
/// per element (the scale and the zero-point step; rounding and saturation are not counted).
/// </summary>
/// <param name="quantize">True for QuantizeLinear.</param>
public sealed class LinearQuantizeHandler(bool quantize) : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var shape = context.Shape(0);
        var scaleShape = context.Shape(1);
        if (context.HasInput(2) && context.Shape(2) is { } zp && !zp.Equals(scaleShape))
        {
            throw context.Invalid($"zero point {zp} and scale {scaleShape} must have the same shape");
        }

        CheckScale(context, shape, scaleShape);
        DataType type;
        if (quantize)
        {
            type = context.HasInput(2) ? context.TypeOf(2)
                : context.HasAttribute("output_dtype") && context.Int("output_dtype") != 0 ? (DataType)context.Int("output_dtype")
                : DataType.UInt8;
        }
        else
        {
            type = context.HasAttribute("output_dtype") && context.Int("output_dtype") != 0 ? (DataType)context.Int("output_dtype") : context.TypeOf(1);
        }

        context.SetOutput(0, type, shape);
        context.AddFlops(checked(2 * ShapeMath.Elements(shape)));
    }

    private static void CheckScale(NodeContext context, TensorShape shape, TensorShape scale)
    {
        var count = scale.ElementCount;
        if (scale.Rank == 0 || (scale.Rank == 1 && count == 1 && shape.Rank != 1))
        {
            return;
        }

        var axis = ShapeMath.Axis(context, context.Int("axis", 1), shape.Rank);
        var dim = shape[axis];
        if (scale.Rank == 1)
        {
            if (scale[0].IsKnown && dim.IsKnown && scale[0].Value != dim.Value && scale[0].Value != 1)
            {
                throw context.Invalid($"per-axis scale {scale} does not match dimension {dim.Value} of axis {axis} of {shape}");
            }

            return;
        }

        var block = context.Int("block_size", 0);
        if (scale.Rank != shape.Rank || block <= 0)
        {
            throw context.Invalid($"scale {scale} fits neither per-tensor, per-axis nor blocked quantization of {shape}");
        }

        for (var i = 0; i < shape.Rank; i++)
        {
            if (!shape[i].IsKnown || !scale[i].IsKnown)
            {
                continue;
            }

            var expected = i == axis ? (shape[i].Value + block - 1) / block : shape[i].Value;
            if (scale[i].Value != expected)
            {
                throw context.Invalid($"blocked scale {scale} does not fit {shape} with block_size {block} on axis {axis}");
            }
        }
    }

    /// <inheritdoc />
    public InputRole GetInputRole(int index, NodeContext context) => index == 0 && !quantize ? InputRole.Weight : InputRole.Data;
}
