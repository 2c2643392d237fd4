namespace FlopScope.Inference;

/// <summary>
/// Thrown by an operator handler when a node cannot be resolved from what is known (an input whose shape or value is
/// unknown). The node is reported as unresolved; it is not an error of the model.
/// </summary>
public sealed class UnresolvedException : Exception
{
    /// <summary>Creates the exception with the reason shown in the report.</summary>
    public UnresolvedException(string reason) : base(reason)
    {
    }

    /// <summary>Creates the exception with no reason.</summary>
    public UnresolvedException()
    {
    }

    /// <summary>Creates the exception with a reason and cause.</summary>
    public UnresolvedException(string reason, Exception innerException) : base(reason, innerException)
    {
    }
}
