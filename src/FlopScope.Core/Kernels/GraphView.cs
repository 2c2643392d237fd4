using FlopScope.Profiling;

namespace FlopScope.Kernels;

/// <summary>The profile's layers as a graph under one runtime: which nodes vanish, which tensors alias which
/// (removed views), producers and consumers of every tensor, and the tensors the caller reads.</summary>
internal sealed class GraphView
{
    private readonly Dictionary<string, string> _alias = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LayerTensor> _tensors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _graphOutputs;
    private readonly Dictionary<string, int> _producer = new(StringComparer.Ordinal);
    private readonly HashSet<string> _folded = new(StringComparer.Ordinal);
    private readonly SymbolicShapes _symbolic;

    public GraphView(ProfileReport report, RuntimeProfile runtime)
    {
        Layers = report.Layers;
        Vanished = new bool[Layers.Count];
        IsViewKernel = new bool[Layers.Count];
        IsShapeKernel = new bool[Layers.Count];
        _symbolic = runtime.SeesBoundShapes ? SymbolicShapes.None : SymbolicShapes.Of(report);
        foreach (var (from, to) in _symbolic.Aliases)
        {
            _alias[from] = to;
        }

        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            foreach (var t in layer.InputTensors.Concat(layer.OutputTensors))
            {
                _tensors.TryAdd(t.Name, t);
            }

            if (_symbolic.Runs(i) || _symbolic.Removed(i))
            {
                // A shape computation on a symbolic dimension: a small kernel, or gone (merged, unread, folded).
                IsShapeKernel[i] = _symbolic.Runs(i);
                Vanished[i] = !IsShapeKernel[i];
                continue;
            }

            var view = layer.Free && layer.Node is { } node && node.Domain.Length == 0
                && (runtime.RemovedOps.Contains(node.OpType) || runtime.ViewKernels.Contains(node.OpType) || IsViewOp(node.OpType));
            if (layer.Node is { } n && n.Domain.Length == 0 && runtime.RemovedOps.Contains(n.OpType) && n.Inputs.Count > 0 && n.Outputs.Count > 0)
            {
                // The runtime removes the node: its output is its input.
                _alias[n.Outputs[0]] = Resolve(n.Inputs[0]);
                Vanished[i] = true;
            }
            else if (view && runtime.ViewKernels.Contains(layer.Node!.OpType) && !layer.OutputTensors.All(t => t.Constant))
            {
                IsViewKernel[i] = true;
            }
            else if (runtime.FoldsConstants && layer.Node is { } folded && folded.Inputs.Any(x => x.Length > 0)
                && folded.Inputs.Where(x => x.Length > 0).All(x => Tensor(x) is { Constant: true } && !_symbolic.IsSymbolicValue(x)))
            {
                // Every input is stored or static: the runtime computes it once when it builds the session.
                Vanished[i] = true;
                _folded.UnionWith(folded.Outputs.Where(x => x.Length > 0));
            }
            else if (layer.Free)
            {
                Vanished[i] = true;
                if (view && layer.Node!.Inputs.Count > 0 && layer.Node.Outputs.Count > 0)
                {
                    _alias[layer.Node.Outputs[0]] = Resolve(layer.Node.Inputs[0]);
                }
            }
        }

        for (var i = 0; i < Layers.Count; i++)
        {
            if (Vanished[i] || Layers[i].Node is not { } node)
            {
                continue;
            }

            foreach (var output in node.Outputs.Where(x => x.Length > 0))
            {
                _producer[output] = i;
            }

            foreach (var input in node.Inputs.Where(x => x.Length > 0).Select(Resolve).Distinct())
            {
                (_consumers.TryGetValue(input, out var list) ? list : _consumers[input] = []).Add(i);
            }
        }

        _graphOutputs = report.GraphOutputs.Select(Resolve).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<LayerProfile> Layers { get; }

    /// <summary>Nodes that run no kernel under the runtime.</summary>
    public bool[] Vanished { get; }

    /// <summary>View nodes the runtime still dispatches as a (copy-free) kernel.</summary>
    public bool[] IsViewKernel { get; }

    /// <summary>Shape computations on a symbolic dimension the runtime runs as kernels (<see cref="SymbolicShapes"/>).</summary>
    public bool[] IsShapeKernel { get; }

    /// <summary>True when the tensor's shape depends on a symbolic input dimension the runtime does not know.</summary>
    public bool HasSymbolicShape(string tensor) => _symbolic.HasSymbolicShape(tensor) || _symbolic.HasSymbolicShape(Resolve(tensor));

    /// <summary>True when node <paramref name="i"/> reads a value computed at inference from a symbolic dimension (a
    /// Reshape's shape, a Slice's bounds): fusions that need those parameters constant skip it.</summary>
    public bool HasSymbolicParameters(int i) => Layers[i].Node is { } node
        && node.Inputs.Any(x => x.Length > 0 && (_symbolic.IsSymbolicValue(x) || _symbolic.IsSymbolicValue(Resolve(x))));

    /// <summary>The tensor a name stands for once removed views are gone.</summary>
    public string Resolve(string name)
    {
        while (_alias.TryGetValue(name, out var target))
        {
            name = target;
        }

        return name;
    }

    /// <summary>Kernel-running consumers of a tensor, in execution order.</summary>
    public IReadOnlyList<int> Consumers(string tensor) => _consumers.TryGetValue(Resolve(tensor), out var list) ? list : [];

    /// <summary>The kernel-running node that writes a tensor, or -1 (graph input, constant).</summary>
    public int Producer(string tensor) => _producer.TryGetValue(Resolve(tensor), out var p) ? p : -1;

    /// <summary>True when the caller reads the tensor.</summary>
    public bool IsGraphOutput(string tensor) => _graphOutputs.Contains(Resolve(tensor));

    /// <summary>The tensor's size record, when known.</summary>
    public LayerTensor? Tensor(string name)
    {
        var tensor = _tensors.GetValueOrDefault(name) ?? _tensors.GetValueOrDefault(Resolve(name));
        return tensor is not null && _folded.Contains(tensor.Name) ? tensor with { Constant = true } : tensor;
    }

    /// <summary>Op name as rules spell it (domain-prefixed outside the default domain).</summary>
    public string Op(int i) => Layers[i].Op;

    /// <summary>Computed (non-constant) inputs of node <paramref name="i"/>, resolved, distinct.</summary>
    public IEnumerable<string> ComputedInputs(int i) => Layers[i].Node is { } node
        ? node.Inputs.Where(x => x.Length > 0 && Tensor(x) is not { Constant: true }).Select(Resolve).Distinct()
        : [];

    /// <summary>Outputs of node <paramref name="i"/>.</summary>
    public IEnumerable<string> Outputs(int i) => Layers[i].Node is { } node ? node.Outputs.Where(x => x.Length > 0) : [];

    private static bool IsViewOp(string op) => op is "Reshape" or "Flatten" or "Squeeze" or "Unsqueeze" or "Identity" or "Dropout";
}
