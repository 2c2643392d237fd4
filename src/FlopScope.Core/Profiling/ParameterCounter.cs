using FlopScope.Graph;
using FlopScope.Inference;

namespace FlopScope.Profiling;

/// <summary>
/// Counts parameters: elements of stored tensors (initializers, Constant values, ConstantOfShape outputs) that feed
/// the graph as data, each once however many nodes share it (Identity aliases followed). Excluded: tensors used only
/// as shape, axes, index or count operands; Constant-node values, integer tensors and single values that feed no
/// weight, bias, scale, embedding or statistic slot (clip bounds, scalar factors, position-id buffers). Trainable: floating-point initializers used as more than
/// running statistics, and Constant values in weight, bias, scale or embedding slots (paddle2onnx stores weights so).
/// </summary>
internal static class ParameterCounter
{
    private static readonly HashSet<InputRole> LearnableRoles = [InputRole.Weight, InputRole.Bias, InputRole.Scale, InputRole.Embedding];

    public static (ParameterSummary Summary, Dictionary<NodeAnalysis, long> PerNode, HashSet<string> Stored, List<(long Elements, DataType Type)> Counted) Count(
        Graph.Graph graph, GraphAnalysis analysis, IReadOnlyList<IReadOnlyList<string>>? identical = null)
    {
        var stored = new Dictionary<string, (long Elements, DataType Type, bool Initializer)>();
        foreach (var (name, tensor) in graph.Initializers)
        {
            stored[name] = (tensor.ElementCount, tensor.DataType, true);
        }

        var all = Flatten(analysis.Nodes).ToList();
        var alias = new Dictionary<string, string>();
        foreach (var node in all)
        {
            var op = node.Node.OpType;
            if (node.Node.Domain.Length == 0 && op is "Constant" or "ConstantOfShape" && node.Outputs is [{ ElementCount: { } n } output]
                && node.Node.Outputs[0].Length > 0)
            {
                stored[node.Node.Outputs[0]] = (n, output.DataType, false);
            }
            else if (node.Node.Domain.Length == 0 && op == "Identity" && node.Node.Inputs.Count == 1 && node.Node.Outputs.Count == 1)
            {
                alias[node.Node.Outputs[0]] = node.Node.Inputs[0];
            }
        }

        string Root(string name)
        {
            var seen = 0;
            while (alias.TryGetValue(name, out var next) && seen++ < 1000)
            {
                name = next;
            }

            return name;
        }

        var roles = new Dictionary<string, HashSet<InputRole>>();
        var firstConsumer = new Dictionary<string, NodeAnalysis>();
        foreach (var node in all)
        {
            if (node.Node.Domain.Length == 0 && node.Node.OpType == "Identity")
            {
                continue;
            }

            for (var i = 0; i < node.Node.Inputs.Count; i++)
            {
                var root = Root(node.Node.Inputs[i]);
                if (root.Length == 0 || !stored.ContainsKey(root))
                {
                    continue;
                }

                var role = i < node.InputRoles.Length ? node.InputRoles[i] : InputRole.Data;
                if (!roles.TryGetValue(root, out var set))
                {
                    roles[root] = set = [];
                }

                set.Add(role);
                if (role != InputRole.Control)
                {
                    firstConsumer.TryAdd(root, node);
                }
            }
        }

        long total = 0, trainable = 0;
        var bytes = new Dictionary<string, long>();
        var perNode = new Dictionary<NodeAnalysis, long>();
        var counted = new List<(long Elements, DataType Type)>();
        var countedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, (elements, type, initializer)) in stored)
        {
            if (!roles.TryGetValue(name, out var set) || set.All(r => r == InputRole.Control) || !type.IsNumeric())
            {
                continue;
            }

            var learnableSlot = set.Overlaps(LearnableRoles);
            // Integer tensors and single values that feed no weight, bias, scale, embedding or statistic slot are
            // buffers and literals (position ids, masks, folded scalars), whether stored as Constant nodes or as
            // initializers (ONNX Runtime's optimizer turns the former into the latter).
            var literal = type.IsIntegral() || elements <= 1;
            var counts = learnableSlot || set.Contains(InputRole.Statistic) || (initializer && !literal);
            if (!counts)
            {
                continue;
            }

            total += elements;
            counted.Add((elements, type));
            countedNames.Add(name);
            var isTrainable = type.IsFloating() && (initializer ? set.Any(r => r is not InputRole.Statistic and not InputRole.Control) : learnableSlot);
            if (isTrainable)
            {
                trainable += elements;
            }

            var key = type.ShortName();
            bytes[key] = bytes.GetValueOrDefault(key) + type.BytesFor(elements);
            if (firstConsumer.TryGetValue(name, out var consumer))
            {
                perNode[consumer] = perNode.GetValueOrDefault(consumer) + elements;
            }
        }

        var storedNames = new HashSet<string>(stored.Keys);
        storedNames.UnionWith(alias.Keys.Where(a => stored.ContainsKey(Root(a))));
        // Tied tensors: identical stored bytes (found by the loader) among the tensors counted here.
        var tied = (identical ?? [])
            .Select(g => g.Where(countedNames.Contains).ToArray())
            .Where(g => g.Length > 1)
            .Select(g => new TiedTensors(g, stored[g[0]].Elements))
            .OrderByDescending(t => t.Duplicates).ThenBy(t => t.Names[0], StringComparer.Ordinal)
            .ToArray();
        var summary = new ParameterSummary(total, trainable, bytes) { Tied = tied, DuplicatesChecked = identical is not null };
        return (summary, perNode, storedNames, counted);
    }

    private static bool IsNumeric(this DataType type) => type is not (DataType.String or DataType.Undefined);

    // Depth-first, pre-order, with an explicit stack: nesting depth must not turn into recursion depth.
    internal static IEnumerable<NodeAnalysis> Flatten(IEnumerable<NodeAnalysis> nodes)
    {
        var stack = new Stack<IEnumerator<NodeAnalysis>>();
        stack.Push(nodes.GetEnumerator());
        while (stack.Count > 0)
        {
            var top = stack.Peek();
            if (!top.MoveNext())
            {
                stack.Pop().Dispose();
                continue;
            }

            yield return top.Current;
            if (top.Current.HasInner)
            {
                stack.Push(top.Current.Inner.GetEnumerator());
            }
        }
    }
}
