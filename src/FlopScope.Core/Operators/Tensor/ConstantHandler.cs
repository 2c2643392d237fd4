using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Operators.Tensor;

/// <summary>
/// Constant: a tensor from exactly one of the attributes <c>value</c> (tensor, values when the loader read them),
/// <c>sparse_value</c>, <c>value_float(s)</c>, <c>value_int(s)</c>, <c>value_string(s)</c>. Its values are propagated.
/// 0 FLOPs.
/// </summary>
public sealed class ConstantHandler : IOperatorHandler
{
    /// <inheritdoc />
    public void Infer(NodeContext context)
    {
        var attributes = context.Node.Attributes;
        if (attributes.Count != 1)
        {
            throw context.Invalid($"needs exactly one value attribute, has {attributes.Count}");
        }

        var (name, attribute) = attributes.First();
        var info = name switch
        {
            "value" or "sparse_value" => attribute.Tensor is { } t
                ? new TensorInfo(t.DataType, t.Shape, t.Values)
                : throw context.Invalid($"attribute '{name}' holds no tensor"),
            "value_float" => new TensorInfo(DataType.Float, TensorShape.Scalar, TensorValue.FromFloats([attribute.Float])),
            "value_floats" => new TensorInfo(DataType.Float, new TensorShape(attribute.Floats?.Length ?? 0),
                TensorValue.FromFloats((attribute.Floats ?? []).Select(f => (double)f).ToArray())),
            "value_int" => new TensorInfo(DataType.Int64, TensorShape.Scalar, TensorValue.FromInts([attribute.Int])),
            "value_ints" => new TensorInfo(DataType.Int64, new TensorShape(attribute.Ints?.Length ?? 0),
                TensorValue.FromInts(attribute.Ints ?? [])),
            "value_string" => new TensorInfo(DataType.String, TensorShape.Scalar),
            "value_strings" => new TensorInfo(DataType.String, new TensorShape(attribute.Strings?.Length ?? 0)),
            _ => throw context.Invalid($"unknown value attribute '{name}'"),
        };
        context.SetOutput(0, info);
    }
}
