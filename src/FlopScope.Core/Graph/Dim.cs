namespace FlopScope.Graph;

/// <summary>
/// One dimension of a tensor shape: a known size, a named symbol (as declared by the model, e.g. "batch"),
/// or unknown (a data-dependent size such as the row count of NonZero, reported and never guessed).
/// </summary>
public readonly record struct Dim
{
    private Dim(long value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The size, or -1 when not known.</summary>
    public long Value { get; }

    /// <summary>The symbol name of a symbolic dimension, or why an unknown one is unknown.</summary>
    public string? Symbol { get; }

    /// <summary>True when the size is a known number.</summary>
    public bool IsKnown => Value >= 0;

    /// <summary>True when the dimension is a named, unbound symbol.</summary>
    public bool IsSymbolic => Value < 0 && Symbol is not null && !Symbol.StartsWith('?');

    /// <summary>A known size.</summary>
    public static Dim Of(long value) => value >= 0
        ? new Dim(value, null)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "A dimension cannot be negative.");

    /// <summary>A named symbolic dimension.</summary>
    public static Dim Named(string symbol) => new(-1, symbol);

    /// <summary>An unknown, data-dependent dimension; <paramref name="reason"/> names its source.</summary>
    public static Dim Unknown(string reason) => new(-1, "?" + reason);

    /// <summary>A dimension the file declares with a negative value (some exporters write -1 for "dynamic"): unknown,
    /// and never bindable by name. <see cref="Declared"/> keeps the value for error messages.</summary>
    public static Dim Negative(long declared) => new(-1, NegativePrefix + declared.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The negative value the file declared, for a dimension made by <see cref="Negative"/>.</summary>
    public long? Declared => Symbol is { } s && s.StartsWith(NegativePrefix, StringComparison.Ordinal)
        && long.TryParse(s.AsSpan(NegativePrefix.Length), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private const string NegativePrefix = "?declared ";

    /// <summary>Implicit conversion from a known size.</summary>
    public static implicit operator Dim(long value) => Of(value);

    /// <inheritdoc />
    public override string ToString() => IsKnown ? Value.ToString() : IsSymbolic ? Symbol! : "?";
}
