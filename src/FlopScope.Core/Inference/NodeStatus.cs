namespace FlopScope.Inference;

/// <summary>Outcome of analysing one node.</summary>
public enum NodeStatus
{
    /// <summary>Outputs and cost are known.</summary>
    Resolved,

    /// <summary>No handler is registered for the op: its cost is missing from every total.</summary>
    Unsupported,

    /// <summary>The op is known but a needed input shape or value is not: its cost is missing from every total.</summary>
    Unresolved,
}
