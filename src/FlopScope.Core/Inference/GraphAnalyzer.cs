using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Operators;

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

    /// <summary>Creates an analyzer for a model's opsets and functions.</summary>
    public GraphAnalyzer(OperatorRegistry registry, IReadOnlyDictionary<string, long> opsets, IReadOnlyList<LocalFunction>? functions = null)
    {
        _registry = registry;
        _opsets = opsets;
        _functions = (functions ?? []).ToDictionary(f => (Node.NormalizeDomain(f.Domain), f.Name));
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
        var values = new Dictionary<string, TensorInfo?>(scope.Local);
        return new GraphAnalysis(nodes, values);
    }

    private List<NodeAnalysis> AnalyzeInScope(Graph.Graph graph, ValueScope scope)
    {
        foreach (var (name, tensor) in graph.Initializers)
        {
            if (!scope.Local.ContainsKey(name))
            {
                scope.Set(name, new TensorInfo(tensor.DataType, tensor.Shape, tensor.Values));
            }
        }

        var order = TopologicalSorter.Sort(graph, scope.Contains);
        var results = new List<NodeAnalysis>(order.Count);
        foreach (var index in order)
        {
            var node = graph.Nodes[index];
            var inputs = node.Inputs.Select(n => n.Length == 0 ? null : scope.Get(n)).ToArray();
            var analysis = new NodeAnalysis(node, graph.DisplayName(index), inputs);
            Run(analysis, scope);
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

    private void Run(NodeAnalysis analysis, ValueScope scope)
    {
        var node = analysis.Node;
        var opset = _opsets.TryGetValue(node.Domain, out var v) ? v : (node.Domain.Length == 0 ? 23 : 1);
        var context = new NodeContext(analysis, opset, (g, ins) => AnalyzeSubgraph(g, ins, scope));
        var handler = _registry.Find(node.Domain, node.OpType);
        if (handler is null && _functions.TryGetValue((node.Domain, node.OpType), out var function))
        {
            handler = new FunctionCallHandler(function);
        }

        if (handler is null)
        {
            analysis.Status = NodeStatus.Unsupported;
            analysis.Reason = $"no handler for {new OperatorKey(node.Domain, node.OpType)}";
            return;
        }

        analysis.InputRoles = Enumerable.Range(0, node.Inputs.Count).Select(i => handler.GetInputRole(i, context)).ToArray();
        try
        {
            handler.Infer(context);
            TrimValues(analysis);
            if (analysis.Inner.Any(n => n.Status != NodeStatus.Resolved) && analysis.Status == NodeStatus.Resolved)
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
    }

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

    private SubgraphResult AnalyzeSubgraph(Graph.Graph graph, IReadOnlyList<TensorInfo?> inputs, ValueScope outer)
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

    /// <summary>Expands a call to a model-local function by analysing its body with the actual inputs.</summary>
    private sealed class FunctionCallHandler(LocalFunction function) : IOperatorHandler
    {
        public void Infer(NodeContext context)
        {
            var body = new Graph.Graph(function.Name, function.Nodes,
                function.Inputs.Select(n => new ValueInfo(n, DataType.Undefined, null)).ToArray(),
                function.Outputs.Select(n => new ValueInfo(n, DataType.Undefined, null)).ToArray(),
                new Dictionary<string, TensorDescriptor>());
            var inputs = Enumerable.Range(0, function.Inputs.Count).Select(i => context.HasInput(i) ? context.Input(i) : null).ToArray();
            var result = context.AnalyzeSubgraph(body, inputs);
            for (var i = 0; i < result.Outputs.Count; i++)
            {
                if (result.Outputs[i] is { } o)
                {
                    context.SetOutput(i, o);
                }
            }

            context.AddCost(result.Cost);
            context.Note($"local function {function.Domain}.{function.Name} expanded");
        }
    }
}
