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
        var producer = new Dictionary<string, int>(nodes.Count);
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

        // Edges in flat arrays (compressed rows), not one list and one set per node: a 1,000,000-node chain made
        // 2,000,000 small collections here. A repeated producer among one node's inputs counts once.
        var pending = new int[nodes.Count];
        var edgeFrom = new List<int>(nodes.Count);
        var edgeTo = new List<int>(nodes.Count);
        var outDegree = new int[nodes.Count];
        // counted[p] == i: producer p already counted for node i.
        var counted = new int[nodes.Count];
        Array.Fill(counted, -1);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var inputs = node.Attributes.Count == 0 ? node.Inputs : node.Inputs.Concat(ImplicitInputs(node));
            foreach (var input in inputs)
            {
                if (input.Length == 0)
                {
                    continue;
                }

                if (producer.TryGetValue(input, out var p))
                {
                    if (counted[p] != i)
                    {
                        counted[p] = i;
                        pending[i]++;
                        edgeFrom.Add(p);
                        edgeTo.Add(i);
                        outDegree[p]++;
                    }
                }
                else if (!isAvailable(input))
                {
                    var name = graph.DisplayName(i);
                    throw new InvalidModelException($"Invalid graph: input '{input}' of {nodes[i].OpType} '{name}' is never produced (not a graph input, initializer or node output).");
                }
            }

        }

        var firstEdge = new int[nodes.Count + 1];
        for (var i = 0; i < nodes.Count; i++)
        {
            firstEdge[i + 1] = firstEdge[i] + outDegree[i];
        }

        var consumers = new int[edgeTo.Count];
        var fill = (int[])firstEdge.Clone();
        for (var e = 0; e < edgeTo.Count; e++)
        {
            consumers[fill[edgeFrom[e]]++] = edgeTo[e];
        }

        var ready = new Queue<int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i);
            }
        }

        var order = new List<int>(nodes.Count);
        while (ready.Count > 0)
        {
            var i = ready.Dequeue();
            order.Add(i);
            for (var e = firstEdge[i]; e < firstEdge[i + 1]; e++)
            {
                if (--pending[consumers[e]] == 0)
                {
                    ready.Enqueue(consumers[e]);
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
