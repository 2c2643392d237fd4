namespace FlopScope.Inference;

/// <summary>Values known in one graph, chained to the enclosing graph's scope (subgraphs see outer values).</summary>
internal sealed class ValueScope(ValueScope? parent)
{
    private readonly Dictionary<string, TensorInfo?> _values = [];

    public ValueScope? Parent { get; } = parent;

    /// <summary>Known values of this scope alone.</summary>
    public IReadOnlyDictionary<string, TensorInfo?> Local => _values;

    public void Set(string name, TensorInfo? info) => _values[name] = info;

    public bool Contains(string name) => _values.ContainsKey(name) || (Parent?.Contains(name) ?? false);

    public TensorInfo? Get(string name) => _values.TryGetValue(name, out var v) ? v : Parent?.Get(name);
}
