namespace FlopScope.Graph;

/// <summary>
/// The known contents of a small tensor (a shape, axes, indices, a scalar), as shape inference propagates them.
/// Integral and boolean tensors keep <see cref="Ints"/>; floating tensors keep <see cref="Floats"/>.
/// </summary>
public sealed class TensorValue
{
    private TensorValue(long[]? ints, double[]? floats)
    {
        Ints = ints;
        Floats = floats;
    }

    /// <summary>The values of an integral or boolean tensor, row-major.</summary>
    public long[]? Ints { get; }

    /// <summary>The values of a floating-point tensor, row-major.</summary>
    public double[]? Floats { get; }

    /// <summary>Number of elements.</summary>
    public int Length => Ints?.Length ?? Floats!.Length;

    /// <summary>Wraps integer values.</summary>
    public static TensorValue FromInts(long[] values) => new(values, null);

    /// <summary>Wraps floating-point values.</summary>
    public static TensorValue FromFloats(double[] values) => new(null, values);

    /// <summary>Element <paramref name="index"/> as a double.</summary>
    public double AsDouble(int index) => Ints is not null ? Ints[index] : Floats![index];

    /// <summary>Element <paramref name="index"/> as an integer (floats truncated toward zero, saturated).</summary>
    public long AsLong(int index) => Ints is not null ? Ints[index] : Saturate(Floats![index]);

    /// <summary>All elements as integers.</summary>
    public long[] ToLongs() => Ints ?? Floats!.Select(Saturate).ToArray();

    /// <summary>All elements as doubles.</summary>
    public double[] ToDoubles() => Floats ?? Ints!.Select(v => (double)v).ToArray();

    private static long Saturate(double v) => double.IsNaN(v) ? 0 : v >= long.MaxValue ? long.MaxValue : v <= long.MinValue ? long.MinValue : (long)v;

    /// <inheritdoc />
    public override string ToString() => "[" + string.Join(",", Ints?.Select(v => v.ToString()) ?? Floats!.Select(v => v.ToString("R"))) + "]";
}
