namespace FlopScope.Errors;

/// <summary>
/// A shape that cannot exist (a kernel larger than its padded input, mismatched broadcast, overflowing dimensions),
/// or input sizes that cannot be bound (an unbound symbolic dimension).
/// </summary>
public sealed class ShapeException : FlopScopeException
{
    /// <summary>Creates the exception.</summary>
    public ShapeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ShapeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ShapeException()
    {
    }
}
