using FlopScope.Errors;

namespace FlopScope.Inference;

/// <summary>Orders a graph's nodes so that every value is produced before it is consumed (Kahn's algorithm),
/// detecting values that are never produced and cycles.</summary>
internal static class TopologicalSorter
{
    /// <param name="graph">The graph.</param>
    /// <param name="isAvailable">True for names provided from outside the nodes (inputs, initializers, outer scope).</param>
    public static List<int> Sort(Graph.Graph graph, Func<string, bool> isAvailable)
    {
        var nodes = graph.Nodes;
        var producer = new Dictionary<string, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var output in nodes[i].Outputs)
            {
                if (output.Length > 0)
                {
                    producer[output] = i;
                }
            }
        }

        var consumers = new List<int>[nodes.Count];
        var pending = new int[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            consumers[i] = [];
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var dependencies = new HashSet<int>();
            foreach (var input in nodes[i].Inputs.Concat(ImplicitInputs(nodes[i])))
            {
                if (input.Length == 0)
                {
                    continue;
                }

                if (producer.TryGetValue(input, out var p))
                {
                    if (dependencies.Add(p))
                    {
                        consumers[p].Add(i);
                    }
                }
                else if (!isAvailable(input))
                {
                    var name = graph.DisplayName(i);
                    throw new InvalidModelException($"Invalid graph: input '{input}' of {nodes[i].OpType} '{name}' is never produced (not a graph input, initializer or node output).");
                }
            }

            pending[i] = dependencies.Count;
        }

        var ready = new Queue<int>(Enumerable.Range(0, nodes.Count).Where(i => pending[i] == 0));
        var order = new List<int>(nodes.Count);
        while (ready.Count > 0)
        {
            var i = ready.Dequeue();
            order.Add(i);
            foreach (var c in consumers[i])
            {
                if (--pending[c] == 0)
                {
                    ready.Enqueue(c);
                }
            }
        }

        if (order.Count != nodes.Count)
        {
            var stuck = Enumerable.Range(0, nodes.Count).First(i => pending[i] > 0);
            throw new InvalidModelException($"Invalid graph: it contains a cycle through {nodes[stuck].OpType} '{graph.DisplayName(stuck)}'.");
        }

        return order;
    }

    // Free names per subgraph, computed once per graph object: without this every level of a nest recomputes all
    // levels below it (quadratic in depth, and each level is sorted again when analysed).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Graph.Graph, string[]> FreeNames = new();

    /// <summary>Outer-scope names a node's subgraphs read (they order the node after their producers).</summary>
    private static IEnumerable<string> ImplicitInputs(Graph.Node node) => node.Subgraphs.SelectMany(g => FreeNames.GetValue(g, ComputeFreeNames));

    private static string[] ComputeFreeNames(Graph.Graph sub)
    {
        var local = new HashSet<string>(sub.AllDeclaredInputs.Select(i => i.Name).Concat(sub.Initializers.Keys));
        foreach (var n in sub.Nodes)
        {
            local.UnionWith(n.Outputs);
        }

        var free = new List<string>();
        var seen = new HashSet<string>();
        foreach (var n in sub.Nodes)
        {
            foreach (var name in n.Inputs.Concat(ImplicitInputs(n)))
            {
                if (name.Length > 0 && !local.Contains(name) && seen.Add(name))
                {
                    free.Add(name);
                }
            }
        }

        return [.. free];
    }
}
