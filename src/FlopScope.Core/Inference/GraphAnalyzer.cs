using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Operators;
using FlopScope.Safety;

namespace FlopScope.Inference;

/// <summary>
/// Runs shape inference with value propagation over a graph in topological order, calling each op's handler and
/// recording outputs, cost and status per node. Subgraphs (If/Loop/Scan) and model-local functions are analysed through
/// the same path.
/// </summary>
public sealed class GraphAnalyzer
{
    /// <summary>Largest tensor whose values are propagated (shape, axes and index tensors are far smaller).</summary>
    public const int MaxPropagatedElements = 4096;

    private readonly OperatorRegistry _registry;
    private readonly IReadOnlyDictionary<string, long> _opsets;
    private readonly Dictionary<(string Domain, string Name), LocalFunction> _functions;
    private readonly Limits _limits;

    // Local functions being expanded (recursion is an error) and results per call signature (so a function called
    // many times with the same input facts is analysed once: a chain of functions each calling the previous one twice
    // stays linear instead of doubling per level).
    private readonly List<LocalFunction> _expanding = [];
    private readonly Dictionary<(LocalFunction Function, string Signature), SubgraphResult> _calls = [];
    private int _depth;
    private long _nodesAnalysed;

    /// <summary>Creates an analyzer for a model's opsets and functions.</summary>
    /// <exception cref="InvalidModelException">Two functions share a domain and name.</exception>
    public GraphAnalyzer(OperatorRegistry registry, IReadOnlyDictionary<string, long> opsets, IReadOnlyList<LocalFunction>? functions = null, Limits? limits = null)
    {
        _registry = registry;
        _opsets = opsets;
        _limits = limits ?? Limits.Current;
        _functions = [];
        foreach (var f in functions ?? [])
        {
            if (!_functions.TryAdd((Node.NormalizeDomain(f.Domain), f.Name), f))
            {
                throw new InvalidModelException($"Invalid model: local function '{f.Domain}.{f.Name}' is defined twice.");
            }
        }
    }

    /// <summary>Analyses <paramref name="graph"/> with the given input facts.</summary>
    public GraphAnalysis Analyze(Graph.Graph graph, IReadOnlyDictionary<string, TensorInfo> inputs)
    {
        var scope = new ValueScope(null);
        foreach (var (name, info) in inputs)
        {
            scope.Set(name, info);
        }

        var nodes = AnalyzeInScope(graph, scope);
        // The top scope is not used again: its table is handed over rather than copied (a million entries on long graphs).
        return new GraphAnalysis(nodes, scope.Local);
    }

    private List<NodeAnalysis> AnalyzeInScope(Graph.Graph graph, ValueScope scope)
    {
        _nodesAnalysed += graph.Nodes.Count;
        if (_nodesAnalysed > _limits.Nodes)
        {
            throw Limits.Exceeded("nodes", $"Invalid model: more than {_limits.Nodes:N0} nodes to analyse (counting subgraphs and function expansions)");
        }

        foreach (var (name, tensor) in graph.Initializers)
        {
            if (!scope.Local.ContainsKey(name))
            {
                scope.Set(name, new TensorInfo(tensor.DataType, tensor.Shape, tensor.Values));
            }
        }

        var order = TopologicalSorter.Sort(graph, scope.Contains);
        var results = new List<NodeAnalysis>(order.Count);
        // One delegate per graph, not per node.
        Func<Graph.Graph, IReadOnlyList<TensorInfo?>, SubgraphResult> analyzeSubgraph = (g, ins) => AnalyzeSubgraph(g, ins, scope);
        foreach (var index in order)
        {
            var node = graph.Nodes[index];
            var inputs = new TensorInfo?[node.Inputs.Count];
            for (var i = 0; i < inputs.Length; i++)
            {
                inputs[i] = node.Inputs[i].Length == 0 ? null : scope.Get(node.Inputs[i]);
            }

            var analysis = new NodeAnalysis(node, graph.DisplayName(index), inputs) { FileIndex = index };
            Run(analysis, analyzeSubgraph);
            for (var i = 0; i < node.Outputs.Count; i++)
            {
                if (node.Outputs[i].Length > 0)
                {
                    scope.Set(node.Outputs[i], analysis.Outputs[i]);
                }
            }

            results.Add(analysis);
        }

        return results;
    }

    private void Run(NodeAnalysis analysis, Func<Graph.Graph, IReadOnlyList<TensorInfo?>, SubgraphResult> analyzeSubgraph)
    {
        var node = analysis.Node;
        var opset = _opsets.TryGetValue(node.Domain, out var v) ? v : (node.Domain.Length == 0 ? 23 : 1);
        var context = new NodeContext(analysis, opset, analyzeSubgraph);
        var handler = _registry.Find(node.Domain, node.OpType);
        if (handler is null && _functions.TryGetValue((node.Domain, node.OpType), out var function))
        {
            handler = new FunctionCallHandler(function, this);
        }

        if (handler is null)
        {
            analysis.Status = NodeStatus.Unsupported;
            analysis.Reason = $"no handler for {new OperatorKey(node.Domain, node.OpType)}";
            return;
        }

        try
        {
            var roles = node.Inputs.Count == 0 ? [] : new InputRole[node.Inputs.Count];
            for (var i = 0; i < roles.Length; i++)
            {
                roles[i] = handler.GetInputRole(i, context);
            }

            analysis.InputRoles = roles;
            handler.Infer(context);
            TrimValues(analysis);
            CheckSizes(analysis);
            if (analysis.HasInner && analysis.Inner.Any(n => n.Status != NodeStatus.Resolved) && analysis.Status == NodeStatus.Resolved)
            {
                analysis.Notes.Add("some nodes of its subgraph are not counted (see unsupported/unresolved)");
            }
        }
        catch (UnresolvedException e)
        {
            analysis.Status = NodeStatus.Unresolved;
            analysis.Reason = e.Message;
            TrimValues(analysis);
        }
        catch (OverflowException e)
        {
            throw new ShapeException($"{node.OpType} '{analysis.DisplayName}': tensor sizes overflow 64-bit arithmetic (absurd dimensions?)", e);
        }
        catch (Exception e) when (IsDataFault(e))
        {
            // Handlers read straight from model data (attribute lists, shape values, axes): an index, key or count
            // taken from the file that does not fit is a fault of this node's inputs or attributes (exit 2).
            throw new ShapeException($"{node.OpType} '{analysis.DisplayName}': invalid inputs or attributes for this op ({e.GetType().Name}: {e.Message}); if ONNX Runtime runs this model, please report it", e);
        }

        // Not caught: NullReferenceException, InvalidCastException, InvalidOperationException and other argument
        // errors. Nothing in a file can legitimately cause them (facts are nullable-annotated and checked, casts
        // follow declared kinds), so they are bugs in FlopScope and stay an internal error (exit 3, one line): mapping
        // them to exit 2 would hide the bug behind "invalid inputs".
    }

    /// <summary>Exceptions that a model-supplied index, axis, key, count or text causes when a handler uses it
    /// (an axis past the rank, a missing attribute entry, a zero divisor from an attribute, an unparsable string).</summary>
    private static bool IsDataFault(Exception e) =>
        e is IndexOutOfRangeException or ArgumentOutOfRangeException or KeyNotFoundException or DivideByZeroException
            or FormatException or RankException;

    // Every later figure (bytes, traffic, FLOPs totals) derives from output sizes and the cost: checking them here
    // turns absurd shapes into one error naming the node instead of an overflow deep inside a report.
    private void CheckSizes(NodeAnalysis analysis)
    {
        try
        {
            foreach (var output in analysis.Outputs)
            {
                if (output?.Shape is not { } shape)
                {
                    continue;
                }

                if (shape.Rank > _limits.Rank)
                {
                    throw Limits.Exceeded("rank", $"{What(analysis)}: an output has rank {shape.Rank}, more than {_limits.Rank}");
                }

                long elements = 1;
                foreach (var dim in shape.Dims)
                {
                    if (dim.IsKnown)
                    {
                        elements = checked(elements * dim.Value);
                    }
                }

                if (elements > _limits.Elements)
                {
                    throw Limits.Exceeded("elements", $"{What(analysis)}: an output of {shape} has {elements:N0} elements, more than {_limits.Elements:N0}");
                }
            }

            // FLOPs = 2 x MACs + other must fit with room for sums over many nodes.
            _ = checked((analysis.Cost.Macs * 2) + analysis.Cost.OtherFlops);
        }
        catch (OverflowException)
        {
            throw CheckedMath.Overflow(What(analysis));
        }
    }

    // Built only for an error: a million-node graph would otherwise format a million unused strings.
    private static string What(NodeAnalysis analysis) => $"{analysis.Node.OpType} '{analysis.DisplayName}'";

    private static void TrimValues(NodeAnalysis analysis)
    {
        for (var i = 0; i < analysis.Outputs.Length; i++)
        {
            if (analysis.Outputs[i] is { Value: { } value } info && value.Length > MaxPropagatedElements)
            {
                analysis.Outputs[i] = info with { Value = null };
            }
        }
    }

    private SubgraphResult AnalyzeSubgraph(Graph.Graph graph, IReadOnlyList<TensorInfo?> inputs, ValueScope? outer)
    {
        if (++_depth > _limits.Nesting)
        {
            _depth = 0;
            throw Limits.Exceeded("nesting", $"Invalid model: subgraph '{graph.Name}' and function calls nest deeper than {_limits.Nesting} levels");
        }

        try
        {
            return AnalyzeSubgraphBody(graph, inputs, outer);
        }
        finally
        {
            _depth = Math.Max(0, _depth - 1);
        }
    }

    private SubgraphResult AnalyzeSubgraphBody(Graph.Graph graph, IReadOnlyList<TensorInfo?> inputs, ValueScope? outer)
    {
        var scope = new ValueScope(outer);
        for (var i = 0; i < graph.Inputs.Count; i++)
        {
            var declared = graph.Inputs[i];
            var info = i < inputs.Count ? inputs[i] : null;
            info ??= declared.Shape is { IsFullyKnown: true } ? new TensorInfo(declared.DataType, declared.Shape) : null;
            scope.Set(declared.Name, info);
        }

        var nodes = AnalyzeInScope(graph, scope);
        var outputs = graph.Outputs.Select(o => scope.Get(o.Name)).ToArray();
        var cost = nodes.Aggregate(NodeCost.Zero, (c, n) => c + n.Cost);
        return new SubgraphResult(outputs, cost, nodes);
    }

    /// <summary>Expands a call: the body is analysed in its own scope (a function sees only its inputs), once per
    /// call signature; a function already being expanded is recursion, which ONNX forbids.</summary>
    private void ExpandFunction(NodeContext context, LocalFunction function)
    {
        var inputs = Enumerable.Range(0, function.Inputs.Count).Select(i => context.HasInput(i) ? context.Input(i) : null).ToArray();
        var key = (function, Signature(inputs));
        var repeated = _calls.TryGetValue(key, out var result);
        if (!repeated)
        {
            if (_expanding.Contains(function))
            {
                var chain = string.Join(" -> ", _expanding.SkipWhile(f => f != function).Append(function).Select(f => f.Name));
                throw new InvalidModelException($"Invalid model: local function '{function.Name}' calls itself ({chain}); ONNX functions cannot recurse.");
            }

            var body = new Graph.Graph(function.Name, function.Nodes,
                function.Inputs.Select(n => new ValueInfo(n, DataType.Undefined, null)).ToArray(),
                function.Outputs.Select(n => new ValueInfo(n, DataType.Undefined, null)).ToArray(),
                new Dictionary<string, TensorDescriptor>());
            _expanding.Add(function);
            try
            {
                result = AnalyzeSubgraph(body, inputs, null);
            }
            finally
            {
                _expanding.RemoveAt(_expanding.Count - 1);
            }

            _calls[key] = result;
            context.AttachInner(result.Nodes);
        }

        for (var i = 0; i < result!.Outputs.Count && i < context.OutputCount; i++)
        {
            if (result.Outputs[i] is { } o)
            {
                context.SetOutput(i, o);
            }
        }

        context.AddCost(result.Cost);
        context.Note(repeated
            ? $"local function {function.Domain}.{function.Name} expanded (same inputs as an earlier call: its nodes are listed there)"
            : $"local function {function.Domain}.{function.Name} expanded");
    }

    private static string Signature(IEnumerable<TensorInfo?> inputs) =>
        string.Join(";", inputs.Select(i => i is null ? "?" : $"{i.DataType}:{i.Shape}:{i.Value}"));

    private sealed class FunctionCallHandler(LocalFunction function, GraphAnalyzer analyzer) : IOperatorHandler
    {
        public void Infer(NodeContext context) => analyzer.ExpandFunction(context, function);
    }
}
