namespace FlopScope.Errors;

/// <summary>The file is not a readable ONNX model, or its graph is invalid (cycle, dangling input, unsafe external path).</summary>
public sealed class InvalidModelException : FlopScopeException
{
    /// <summary>Creates the exception.</summary>
    public InvalidModelException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public InvalidModelException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public InvalidModelException()
    {
    }
}
