using FlopScope.Graph;
using FlopScope.Safety;

namespace FlopScope.Profiling;

/// <summary>Report texts that many layers share (module paths, op names, shape texts, dimension lists), made once per
/// distinct value while a report is built, so that memory follows the distinct values, not the node count.</summary>
internal sealed class TextCache
{
    private readonly Dictionary<TensorShape, string> _shapes = [];
    private readonly Dictionary<TensorShape, long[]> _dims = [];
    private readonly Dictionary<(string Domain, string OpType), string> _ops = [];
    private readonly Dictionary<string, string> _modules = new(StringComparer.Ordinal);

    /// <summary><c>1x64x112x112</c>.</summary>
    public string Shape(TensorShape shape)
    {
        if (!_shapes.TryGetValue(shape, out var text))
        {
            _shapes[shape] = text = shape.ToString();
        }

        return text;
    }

    /// <summary>The dimension values of a fully known shape.</summary>
    public long[] Dims(TensorShape shape)
    {
        if (!_dims.TryGetValue(shape, out var dims))
        {
            _dims[shape] = dims = shape.Dims.Select(d => d.Value).ToArray();
        }

        return dims;
    }

    /// <summary>The op's name as reports show it, cleaned.</summary>
    public string Op(Node node)
    {
        var key = (node.Domain, node.OpType);
        if (!_ops.TryGetValue(key, out var text))
        {
            _ops[key] = text = Profiler.OpName(node);
        }

        return text;
    }

    /// <summary>The module of node <paramref name="nodeName"/> at <paramref name="depth"/>, cleaned.</summary>
    public string Module(string nodeName, int depth)
    {
        // Unscoped names (no '/') are in the root module whatever the depth: no split needed.
        if (!nodeName.Contains('/', StringComparison.Ordinal))
        {
            return ModuleNames.Root;
        }

        var module = SafeText.Clean(ModuleNames.Of(nodeName, depth));
        if (!_modules.TryGetValue(module, out var shared))
        {
            _modules[module] = shared = module;
        }

        return shared;
    }
}
