namespace FlopScope.Cli.Infrastructure;

/// <summary>Settings that carry <c>--limit NAME=VALUE</c> flags (see docs/limits.md).</summary>
public interface ILimitSettings
{
    /// <summary>The raw <c>--limit</c> values, e.g. <c>nesting=200</c>.</summary>
    string[] Limits { get; }
}
