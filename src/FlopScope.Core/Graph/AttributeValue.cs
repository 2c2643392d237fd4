namespace FlopScope.Graph;

/// <summary>A typed node attribute. Only the member matching <see cref="Kind"/> is set.</summary>
public sealed record AttributeValue
{
    /// <summary>Attribute kind.</summary>
    public required AttributeKind Kind { get; init; }

    /// <summary>Value of an INT attribute.</summary>
    public long Int { get; init; }

    /// <summary>Value of a FLOAT attribute.</summary>
    public float Float { get; init; }

    /// <summary>Value of a STRING attribute.</summary>
    public string? String { get; init; }

    /// <summary>Value of an INTS attribute.</summary>
    public long[]? Ints { get; init; }

    /// <summary>Value of a FLOATS attribute.</summary>
    public float[]? Floats { get; init; }

    /// <summary>Value of a STRINGS attribute.</summary>
    public string[]? Strings { get; init; }

    /// <summary>Value of a TENSOR or SPARSE_TENSOR attribute (descriptor only).</summary>
    public TensorDescriptor? Tensor { get; init; }

    /// <summary>Value of a GRAPH attribute.</summary>
    public Graph? Graph { get; init; }

    /// <summary>Value of a GRAPHS attribute.</summary>
    public Graph[]? Graphs { get; init; }

    /// <summary>An INT attribute.</summary>
    public static AttributeValue Of(long value) => new() { Kind = AttributeKind.Int, Int = value };

    /// <summary>A FLOAT attribute.</summary>
    public static AttributeValue Of(float value) => new() { Kind = AttributeKind.Float, Float = value };

    /// <summary>A STRING attribute.</summary>
    public static AttributeValue Of(string value) => new() { Kind = AttributeKind.String, String = value };

    /// <summary>An INTS attribute.</summary>
    public static AttributeValue Of(long[] values) => new() { Kind = AttributeKind.Ints, Ints = values };

    /// <summary>A FLOATS attribute.</summary>
    public static AttributeValue Of(float[] values) => new() { Kind = AttributeKind.Floats, Floats = values };

    /// <summary>A TENSOR attribute.</summary>
    public static AttributeValue Of(TensorDescriptor tensor) => new() { Kind = AttributeKind.Tensor, Tensor = tensor };

    /// <summary>A GRAPH attribute.</summary>
    public static AttributeValue Of(Graph graph) => new() { Kind = AttributeKind.Graph, Graph = graph };
}
