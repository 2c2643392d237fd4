namespace FlopScope.Errors;

/// <summary>
/// The one exception type FlopScope throws for bad input: a missing or malformed file, an invalid graph, an impossible
/// shape, an unbound dimension or a bad option. Its message is a single line meant for the user; the CLI prints it and
/// exits with code 2.
/// </summary>
public class FlopScopeException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public FlopScopeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public FlopScopeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public FlopScopeException()
    {
    }
}
