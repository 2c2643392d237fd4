using FlopScope.Errors;

namespace FlopScope.Safety;

/// <summary>
/// Input went past one of the <see cref="Limits"/>: the message names the limit, the value met and the
/// <c>--limit NAME=VALUE</c> flag that raises it. The CLI maps it to exit code 2 like every <see cref="FlopScopeException"/>.
/// </summary>
public sealed class LimitExceededException : FlopScopeException
{
    /// <summary>Creates the exception for limit <paramref name="limit"/>.</summary>
    public LimitExceededException(string limit, string message) : base(message) => Limit = limit;

    /// <summary>Creates the exception with no limit name.</summary>
    public LimitExceededException() => Limit = string.Empty;

    /// <summary>Creates the exception with a message.</summary>
    public LimitExceededException(string message) : base(message) => Limit = string.Empty;

    /// <summary>Creates the exception with a message and its cause.</summary>
    public LimitExceededException(string message, Exception innerException) : base(message, innerException) => Limit = string.Empty;

    /// <summary>Name of the limit, as <c>--limit</c> spells it (e.g. <c>nesting</c>).</summary>
    public string Limit { get; }
}
