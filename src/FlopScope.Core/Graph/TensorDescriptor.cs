namespace FlopScope.Graph;

/// <summary>
/// A tensor stored in the model (an initializer or the value of a Constant node), described without its payload:
/// name, type, dimensions and where its bytes live. Only small integral payloads are read, because shape inference
/// needs their values.
/// </summary>
public sealed record TensorDescriptor
{
    /// <summary>Tensor name (empty for an unnamed Constant attribute).</summary>
    public required string Name { get; init; }

    /// <summary>Element type.</summary>
    public required DataType DataType { get; init; }

    /// <summary>Dimensions as stored.</summary>
    public required long[] Dims { get; init; }

    /// <summary>Values of a small tensor, when the loader read them (integral tensors and small float scalars).</summary>
    public TensorValue? Values { get; init; }

    /// <summary>True when the payload lives in an external data file.</summary>
    public bool IsExternal { get; init; }

    /// <summary>The external data file, relative to the model's folder (validated not to escape it).</summary>
    public string? ExternalLocation { get; init; }

    /// <summary>Number of elements.</summary>
    public long ElementCount => Dims.Aggregate(1L, (a, d) => checked(a * d));

    /// <summary>Bytes the payload occupies (packed types rounded up).</summary>
    public long ByteSize => DataType.BytesFor(ElementCount);

    /// <summary>The shape.</summary>
    public TensorShape Shape => new(Dims);
}
