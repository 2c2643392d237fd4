using FlopScope.Graph;

namespace FlopScope.Operators;

/// <summary>
/// The explicit map from operator to handler. <see cref="CreateDefault"/> holds every built-in handler; callers may
/// <c>Register</c> their own to add an op or override a rule. An op without a handler is reported as
/// unsupported, never counted as zero silently.
/// </summary>
public sealed class OperatorRegistry
{
    private readonly Dictionary<OperatorKey, IOperatorHandler> _handlers = [];

    /// <summary>Registered operators.</summary>
    public IReadOnlyCollection<OperatorKey> Operators => _handlers.Keys;

    /// <summary>Adds or replaces the handler of <paramref name="opType"/> in <paramref name="domain"/>.</summary>
    public OperatorRegistry Register(string domain, string opType, IOperatorHandler handler)
    {
        _handlers[new OperatorKey(Node.NormalizeDomain(domain), opType)] = handler;
        return this;
    }

    /// <summary>Adds or replaces the handler of <paramref name="opType"/> in the default ONNX domain.</summary>
    public OperatorRegistry Register(string opType, IOperatorHandler handler) => Register(string.Empty, opType, handler);

    /// <summary>The handler for a node's op, or null when none is registered.</summary>
    public IOperatorHandler? Find(string domain, string opType) =>
        _handlers.TryGetValue(new OperatorKey(Node.NormalizeDomain(domain), opType), out var h) ? h : null;

    /// <summary>A registry with every built-in handler.</summary>
    public static OperatorRegistry CreateDefault()
    {
        var registry = new OperatorRegistry();
        BuiltInOperators.RegisterAll(registry);
        return registry;
    }
}
