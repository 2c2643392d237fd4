using FlopScope.Hardware;
using FlopScope.Inference;

namespace FlopScope.Memory;

/// <summary>Per-node memory traffic and the liveness peak of activations.</summary>
internal static class MemoryAnalyzer
{
    /// <returns>Traffic per node, in the order of <c>analysis.Nodes</c>, and the activation peak.</returns>
    public static (NodeTraffic[] Traffic, long PeakActivationBytes) Analyze(
        Graph.Graph graph, GraphAnalysis analysis, ISet<string> stored, Precision? precision)
    {
        long SizeOf(TensorInfo? info) => info?.ElementCount is { } n ? ElementSize.Bytes(info.DataType, n, precision) : 0;

        var traffic = new NodeTraffic[analysis.Nodes.Count];
        for (var index = 0; index < traffic.Length; index++)
        {
            var node = analysis.Nodes[index];
            if (NodeKinds.IsFree(node))
            {
                continue;
            }

            long activations = 0, weights = 0;
            var inputs = node.Node.Inputs;
            // Few inputs (nearly every node): a scan; many (a Concat of thousands): a set, so it stays linear.
            var read = inputs.Count > 8 ? new HashSet<string>(StringComparer.Ordinal) : null;
            for (var i = 0; i < inputs.Count; i++)
            {
                var name = inputs[i];
                if (name.Length == 0 || (read is null ? IndexOf(inputs, name) < i : !read.Add(name)))
                {
                    // Omitted, or the same tensor read again by this node (x * x reads x once).
                    continue;
                }

                var size = SizeOf(node.Inputs[i]);
                if (GatherTraffic.IsGatheredInput(node.Node.Domain, node.Node.OpType, i)
                    && node.Inputs[i]?.ElementCount is { } tableElements && node.Outputs is [{ ElementCount: { } gathered }, ..])
                {
                    size = GatherTraffic.BytesRead(size, tableElements, gathered);
                }

                if (stored.Contains(name))
                {
                    weights += size;
                }
                else
                {
                    activations += size;
                }
            }

            long written = 0;
            foreach (var output in node.Outputs)
            {
                written = checked(written + SizeOf(output));
            }

            traffic[index] = new NodeTraffic(activations, weights, written);
        }

        return (traffic, PeakActivations(graph, analysis, stored, SizeOf));
    }

    private static long PeakActivations(Graph.Graph graph, GraphAnalysis analysis, ISet<string> stored, Func<TensorInfo?, long> sizeOf)
    {
        var nodes = analysis.Nodes;
        // Buffers by name -> index into flat arrays (one dictionary, not one per fact: a 1,000,000-node chain made
        // four million-entry dictionaries here). Views (Reshape, ...) alias the buffer of their input.
        var buffer = new Dictionary<string, int>(StringComparer.Ordinal);
        var size = new List<long>();
        var born = new List<int>();
        var death = new List<int>();

        void Add(string name, long bytes, int step)
        {
            if (buffer.TryGetValue(name, out var existing))
            {
                // A name defined again replaces the earlier buffer.
                (size[existing], born[existing], death[existing]) = (bytes, step, step);
                return;
            }

            buffer[name] = size.Count;
            size.Add(bytes);
            born.Add(step);
            death.Add(step);
        }

        // Buffers: graph inputs from step 0; every non-view, non-constant output from its producer's step.
        foreach (var input in graph.Inputs)
        {
            Add(input.Name, sizeOf(analysis.Values.GetValueOrDefault(input.Name)), 0);
        }

        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (NodeKinds.IsView(node) && node.Node.Inputs.Count > 0 && node.Node.Outputs.Count > 0)
            {
                var source = node.Node.Inputs[0];
                aliases[node.Node.Outputs[0]] = aliases.GetValueOrDefault(source, source);
                continue;
            }

            for (var o = 0; o < node.Node.Outputs.Count; o++)
            {
                var name = node.Node.Outputs[o];
                if (name.Length > 0 && !stored.Contains(name) && node.Outputs[o] is { Value: null } info)
                {
                    Add(name, sizeOf(info), i);
                }
            }
        }

        int Find(string name) => buffer.TryGetValue(aliases.Count > 0 ? aliases.GetValueOrDefault(name, name) : name, out var b) ? b : -1;

        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Node.Inputs)
            {
                if (Find(input) is var b and >= 0)
                {
                    death[b] = Math.Max(death[b], i);
                }
            }
        }

        foreach (var output in graph.Outputs)
        {
            if (Find(output.Name) is var b and >= 0)
            {
                death[b] = nodes.Count;
            }
        }

        var delta = new long[nodes.Count + 2];
        for (var b = 0; b < size.Count; b++)
        {
            delta[born[b]] += size[b];
            delta[death[b] + 1] -= size[b];
        }

        long live = 0, peak = 0;
        foreach (var d in delta)
        {
            live += d;
            peak = Math.Max(peak, live);
        }

        return peak;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
