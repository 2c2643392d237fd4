using FlopScope.Errors;

namespace FlopScope.Runtime.Remote;

/// <summary>A remote run that failed: one line naming the host (unreachable, authentication refused, flopscope missing
/// or too old, disk full, remote crash...).</summary>
public sealed class RemoteException : FlopScopeException
{
    /// <summary>Creates the exception; the message is prefixed with the host.</summary>
    public RemoteException(string host, string message) : base($"{host}: {message}")
    {
        Host = host;
    }

    /// <summary>Creates the exception with no host.</summary>
    public RemoteException()
    {
        Host = string.Empty;
    }

    /// <summary>Creates the exception with a message and no host.</summary>
    public RemoteException(string message) : base(message)
    {
        Host = string.Empty;
    }

    /// <summary>Creates the exception with a message, its cause and no host.</summary>
    public RemoteException(string message, Exception innerException) : base(message, innerException)
    {
        Host = string.Empty;
    }

    /// <summary>The host, as given.</summary>
    public string Host { get; }
}
