using System.Globalization;
using FlopScope.Profiling;
using FlopScope.Safety;

namespace FlopScope.Kernels;

/// <summary>
/// What a runtime that builds its session from the model's declared shapes (ONNX Runtime without free-dimension
/// overrides) cannot know: which tensors have a shape that depends on a symbolic input dimension, and which statically
/// known values (FlopScope knows them because it bound the symbol) are computed from such shapes. Those shape
/// computations (Shape, Gather, Unsqueeze, Concat, Div on shape values...) run as small kernels at every inference,
/// after what ONNX Runtime does to them when it builds the session:
/// <list type="bullet">
/// <item>CommonSubexpressionElimination and ConstantSharing (basic): equal nodes on equal inputs run once;</item>
/// <item>CastElimination and NoopElimination (basic): a Cast to the type its input already has, an Add or Sub of zero and
/// a Mul or Div by one are removed;</item>
/// <item>ReshapeFusion (extended): a Reshape whose shape is a Concat read by nothing else, of constants, of Shape(its
/// input)[i] at position i and of at most one one-element value, gets a constant shape, and the computation goes;</item>
/// <item>a shape computation nothing running reads is not run.</item>
/// </list>
/// docs/estimator.md, "Symbolic dimensions", compares the result with ONNX Runtime's own sessions.
/// </summary>
internal sealed class SymbolicShapes
{
    /// <summary>Nothing symbolic: the runtime sees the bound sizes, or the model declares none.</summary>
    public static readonly SymbolicShapes None = new([], [], [], [], []);

    private readonly HashSet<string> _shapes;
    private readonly HashSet<string> _values;
    private readonly HashSet<int> _runs;
    private readonly HashSet<int> _removed;

    private SymbolicShapes(HashSet<string> shapes, HashSet<string> values, HashSet<int> runs, HashSet<int> removed, Dictionary<string, string> aliases)
    {
        _shapes = shapes;
        _values = values;
        _runs = runs;
        _removed = removed;
        Aliases = aliases;
    }

    /// <summary>Outputs of removed nodes and the tensor each now stands for (a merged duplicate, a removed Cast).</summary>
    public IReadOnlyDictionary<string, string> Aliases { get; }

    /// <summary>True when layer <paramref name="layer"/> is a shape computation that runs as a kernel.</summary>
    public bool Runs(int layer) => _runs.Contains(layer);

    /// <summary>True when layer <paramref name="layer"/> is a shape computation the runtime removes or never runs.</summary>
    public bool Removed(int layer) => _removed.Contains(layer);

    /// <summary>True when the tensor's value is computed at inference from a symbolic dimension.</summary>
    public bool IsSymbolicValue(string tensor) => _values.Contains(tensor);

    /// <summary>True when the tensor's shape depends on a symbolic input dimension.</summary>
    public bool HasSymbolicShape(string tensor) => _shapes.Contains(tensor);

    /// <summary>The symbolic shapes and shape computations of <paramref name="report"/>.</summary>
    public static SymbolicShapes Of(ProfileReport report)
    {
        var shapes = report.Inputs.Where(i => i.SymbolicAxes.Count > 0).Select(i => SafeText.Clean(i.Name)).ToHashSet(StringComparer.Ordinal);
        if (shapes.Count == 0)
        {
            return None;
        }

        var layers = report.Layers;
        var tensors = new Dictionary<string, LayerTensor>(StringComparer.Ordinal);
        foreach (var t in layers.SelectMany(l => l.InputTensors.Concat(l.OutputTensors)))
        {
            tensors.TryAdd(t.Name, t);
        }

        bool Known(string name) => tensors.TryGetValue(name, out var t) && t.Constant;
        var values = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<int>();
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Node is not { } node)
            {
                continue;
            }

            var inputs = node.Inputs.Where(x => x.Length > 0).ToArray();
            var readsShape = node.Domain.Length == 0 && node.OpType is "Shape" or "Size" && inputs.Length > 0 && shapes.Contains(inputs[0]);
            if (readsShape || inputs.Any(values.Contains))
            {
                foreach (var output in node.Outputs.Where(x => x.Length > 0))
                {
                    (Known(output) ? values : shapes).Add(output);
                }

                if (node.Outputs.Any(values.Contains))
                {
                    candidates.Add(i);
                }
            }
            else if (inputs.Any(x => shapes.Contains(x) && !Known(x)))
            {
                shapes.UnionWith(node.Outputs.Where(x => x.Length > 0 && !Known(x)));
            }
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        string Resolve(string name)
        {
            while (aliases.TryGetValue(name, out var target))
            {
                name = target;
            }

            return name;
        }

        // Equal small constants are shared (ConstantSharing), so nodes reading them compare equal.
        var removed = new HashSet<int>();
        var classes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var i in candidates)
        {
            var node = layers[i].Node!;
            if (Noop(node, tensors) is { } kept)
            {
                removed.Add(i);
                aliases[node.Outputs[0]] = Resolve(kept);
                continue;
            }

            var key = Key(node, x => values.Contains(Resolve(x)) || !Known(x) ? "t:" + Resolve(x) : "c:" + Constant(tensors.GetValueOrDefault(x), x));
            if (classes.TryGetValue(key, out var members))
            {
                members.Add(i);
                Alias(layers[i].Node!, layers[members[0]].Node!);
            }
            else
            {
                classes[key] = [i];
            }
        }

        // Of equal nodes ONNX Runtime keeps the last in this order (its own topological order visits them the other way).
        foreach (var members in classes.Values.Where(m => m.Count > 1))
        {
            var kept = layers[members[^1]].Node!;
            foreach (var m in members.Take(members.Count - 1))
            {
                removed.Add(m);
                Alias(layers[m].Node!, kept);
            }

            foreach (var output in kept.Outputs)
            {
                aliases.Remove(output);
            }
        }

        void Alias(Graph.Node from, Graph.Node to)
        {
            for (var o = 0; o < from.Outputs.Count && o < to.Outputs.Count; o++)
            {
                if (from.Outputs[o].Length > 0)
                {
                    aliases[from.Outputs[o]] = to.Outputs[o];
                }
            }
        }

        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in candidates.Where(c => !removed.Contains(c)))
        {
            foreach (var output in layers[i].Node!.Outputs.Where(x => x.Length > 0))
            {
                producer[output] = i;
            }
        }

        // How many nodes read each tensor once merged duplicates are gone (counted once, not per Reshape).
        var readers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Node is { } n && !removed.Contains(i))
            {
                foreach (var input in n.Inputs.Where(x => x.Length > 0).Select(Resolve).Distinct(StringComparer.Ordinal))
                {
                    readers[input] = readers.GetValueOrDefault(input) + 1;
                }
            }
        }

        int Readers(string tensor) => readers.GetValueOrDefault(tensor);

        // ReshapeFusion: the shape becomes a constant (0 = copy that dimension) and its computation is left unread.
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Node is { Domain.Length: 0, OpType: "Reshape", Inputs.Count: >= 2 } reshape
                && values.Contains(Resolve(reshape.Inputs[1]))
                && producer.TryGetValue(Resolve(reshape.Inputs[1]), out var concat)
                && Folds(layers, layers[concat].Node!, Resolve(reshape.Inputs[0]), Resolve, producer, values, tensors, Readers(Resolve(reshape.Inputs[1]))))
            {
                removed.Add(concat);
                values.Remove(Resolve(reshape.Inputs[1]));
            }
        }

        // A shape computation runs when something that runs reads it: a data node, a graph output, or another that runs.
        var live = new HashSet<string>(report.GraphOutputs.Select(Resolve), StringComparer.Ordinal);
        var candidateSet = candidates.ToHashSet();
        var runs = new HashSet<int>();
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            if (layers[i].Node is not { } node || removed.Contains(i))
            {
                continue;
            }

            if (candidateSet.Contains(i) && !node.Outputs.Any(o => o.Length > 0 && live.Contains(o)))
            {
                removed.Add(i);
                continue;
            }

            if (candidateSet.Contains(i))
            {
                runs.Add(i);
            }

            live.UnionWith(node.Inputs.Where(x => x.Length > 0).Select(Resolve));
        }

        return new SymbolicShapes(shapes, values, runs, removed, aliases);
    }

    /// <summary>The input a node passes through unchanged, which ONNX Runtime removes it for: a Cast to the type its input
    /// has (CastElimination), an Add or Sub of zero, a Mul or Div by one (NoopElimination). Null otherwise.</summary>
    private static string? Noop(Graph.Node node, Dictionary<string, LayerTensor> tensors)
    {
        if (node.Domain.Length != 0 || node.Outputs.Count != 1 || node.Inputs.Count == 0)
        {
            return null;
        }

        var output = tensors.GetValueOrDefault(node.Outputs[0]);
        bool Same(string input) => tensors.GetValueOrDefault(input) is { } t && output is not null && t.Elements == output.Elements && t.DataType == output.DataType;
        bool All(string input, double value) => tensors.GetValueOrDefault(input)?.Value is { } known
            && known.ToDoubles().All(v => v == value);
        return node.OpType switch
        {
            "Cast" when node.Attributes.TryGetValue("to", out var to) && tensors.GetValueOrDefault(node.Inputs[0])?.DataType is { } from && (long)from == to.Int => node.Inputs[0],
            "Add" or "Sub" when node.Inputs.Count == 2 && All(node.Inputs[1], 0) && Same(node.Inputs[0]) => node.Inputs[0],
            "Add" when node.Inputs.Count == 2 && All(node.Inputs[0], 0) && Same(node.Inputs[1]) => node.Inputs[1],
            "Mul" or "Div" when node.Inputs.Count == 2 && All(node.Inputs[1], 1) && Same(node.Inputs[0]) => node.Inputs[0],
            "Mul" when node.Inputs.Count == 2 && All(node.Inputs[0], 1) && Same(node.Inputs[1]) => node.Inputs[1],
            _ => null,
        };
    }

    /// <summary>A node's identity for common-subexpression elimination: op, attributes and inputs.</summary>
    private static string Key(Graph.Node node, Func<string, string> input) =>
        $"{node.Domain}.{node.OpType}|{string.Join(";", node.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + Attribute(a.Value)))}|"
        + string.Join(";", node.Inputs.Select(x => x.Length == 0 ? string.Empty : input(x)));

    private static string Attribute(Graph.AttributeValue a) =>
        a.Ints is not null ? string.Join(",", a.Ints)
        : a.Floats is not null ? string.Join(",", a.Floats.Select(f => f.ToString("R", CultureInfo.InvariantCulture)))
        : a.String ?? (a.Tensor is not null || a.Graph is not null || a.Graphs is not null ? "#" + a.GetHashCode() : $"{a.Int}/{a.Float.ToString("R", CultureInfo.InvariantCulture)}");

    /// <summary>A constant input's identity: its type and value when small (equal constants are shared), else its name.</summary>
    private static string Constant(LayerTensor? tensor, string name) =>
        tensor?.Value is { } value
            ? $"{tensor.DataType}{string.Join("x", tensor.Dims)}[{string.Join(",", value.ToDoubles().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]"
            : name;

    /// <summary>
    /// True when ONNX Runtime's ReshapeFusion (reshape_fusion.cc, Fuse_Subgraph) turns the Reshape's shape into a
    /// constant: the Concat has no other reader, and each of its elements is a constant, or Shape(root)[i] at its own
    /// position i (Shape, Gather of index i, Unsqueeze of axis 0) where root is the Reshape's input or a tensor of the
    /// same shape, or a one-element value (then -1, at most one -1 in all). Equal bound sizes stand in for the symbolic
    /// shape comparison ONNX Runtime makes.
    /// </summary>
    private static bool Folds(IReadOnlyList<LayerProfile> layers, Graph.Node concat, string root, Func<string, string> resolve,
        Dictionary<string, int> producer, HashSet<string> values, Dictionary<string, LayerTensor> tensors, int readers)
    {
        if (concat is not { Domain.Length: 0, OpType: "Concat" } || readers != 1)
        {
            return false;
        }

        var rootDims = tensors.GetValueOrDefault(root)?.Dims;
        var minusOnes = 0;
        long position = 0;
        foreach (var part in concat.Inputs.Where(x => x.Length > 0).Select(resolve))
        {
            if (!values.Contains(part))
            {
                if (tensors.GetValueOrDefault(part) is not { Constant: true, Elements: > 0 } constant)
                {
                    return false;
                }

                minusOnes += constant.Value?.ToLongs().Count(v => v == -1) ?? 0;
                position += constant.Elements;
                continue;
            }

            var copies = producer.TryGetValue(part, out var u) && layers[u].Node is { Domain.Length: 0, OpType: "Unsqueeze" } unsqueeze
                && producer.TryGetValue(resolve(unsqueeze.Inputs[0]), out var g) && layers[g].Node is { Domain.Length: 0, OpType: "Gather", Inputs.Count: 2 } gather
                && tensors.GetValueOrDefault(gather.Inputs[1])?.Value is { Length: 1 } index && index.AsLong(0) == position
                && producer.TryGetValue(resolve(gather.Inputs[0]), out var s) && layers[s].Node is { Domain.Length: 0, OpType: "Shape" } shape
                && !shape.Attributes.ContainsKey("start") && !shape.Attributes.ContainsKey("end")
                && (resolve(shape.Inputs[0]) == root || (rootDims is { Count: > 0 } && tensors.GetValueOrDefault(resolve(shape.Inputs[0]))?.Dims is { } dims && dims.SequenceEqual(rootDims)));
            if (!copies)
            {
                if (tensors.GetValueOrDefault(part) is not { Elements: 1 })
                {
                    return false;
                }

                minusOnes++;
            }

            position++;
        }

        return minusOnes <= 1;
    }
}
