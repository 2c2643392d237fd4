namespace FlopScope.Profiling;

/// <summary>An op whose cost is missing from the totals: no handler (unsupported), or shapes not resolved.</summary>
/// <param name="Op">Op type (domain-prefixed outside the default domain).</param>
/// <param name="Nodes">How many nodes of it are affected.</param>
/// <param name="Reason">Why (the first node's reason).</param>
public sealed record OpIssue(string Op, int Nodes, string Reason);
