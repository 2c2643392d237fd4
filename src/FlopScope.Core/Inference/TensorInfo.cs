using FlopScope.Graph;

namespace FlopScope.Inference;

/// <summary>What shape inference knows of one value: element type, shape (null when the rank is unknown) and,
/// for small tensors, the values themselves.</summary>
/// <param name="DataType">Element type.</param>
/// <param name="Shape">Shape, or null when not known.</param>
/// <param name="Value">Known contents, for small constants and shape computations.</param>
public sealed record TensorInfo(DataType DataType, TensorShape? Shape, TensorValue? Value = null)
{
    /// <summary>Element count when the shape is fully known.</summary>
    public long? ElementCount => Shape?.ElementCount;

    /// <summary>Bytes of the tensor when its shape is fully known.</summary>
    public long? ByteSize => ElementCount is { } n ? DataType.BytesFor(n) : null;
}
