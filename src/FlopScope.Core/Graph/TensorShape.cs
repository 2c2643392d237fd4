namespace FlopScope.Graph;

/// <summary>An immutable tensor shape. A shape whose rank is unknown is represented by <c>null</c> where it occurs.</summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly Dim[] _dims;

    /// <summary>Creates a shape from its dimensions.</summary>
    public TensorShape(IEnumerable<Dim> dims) => _dims = dims.ToArray();

    /// <summary>Creates a fully known shape.</summary>
    public TensorShape(params long[] dims) => _dims = dims.Select(Dim.Of).ToArray();

    /// <summary>The shape of a scalar.</summary>
    public static TensorShape Scalar { get; } = new(Array.Empty<long>());

    /// <summary>The dimensions.</summary>
    public IReadOnlyList<Dim> Dims => _dims;

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Dimension <paramref name="index"/>.</summary>
    public Dim this[int index] => _dims[index];

    /// <summary>True when every dimension is a known number.</summary>
    public bool IsFullyKnown => _dims.All(d => d.IsKnown);

    /// <summary>Element count, or null when a dimension is not known. Overflow throws <see cref="OverflowException"/>.</summary>
    public long? ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in _dims)
            {
                if (!d.IsKnown)
                {
                    return null;
                }

                count = checked(count * d.Value);
            }

            return count;
        }
    }

    /// <summary>The known sizes; throws when a dimension is not known.</summary>
    public long[] ToArray() => _dims.Select(d => d.IsKnown ? d.Value : throw new InvalidOperationException("Shape has unknown dimensions.")).ToArray();

    /// <inheritdoc />
    public bool Equals(TensorShape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TensorShape);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats as <c>1x3x224x224</c> (a scalar is <c>scalar</c>).</summary>
    public override string ToString() => _dims.Length == 0 ? "scalar" : string.Join("x", _dims.Select(d => d.ToString()));
}
