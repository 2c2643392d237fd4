using FlopScope.Hardware;
using FlopScope.Inference;

namespace FlopScope.Memory;

/// <summary>Per-node memory traffic and the liveness peak of activations.</summary>
internal static class MemoryAnalyzer
{
    public static (Dictionary<NodeAnalysis, NodeTraffic> Traffic, long PeakActivationBytes) Analyze(
        Graph.Graph graph, GraphAnalysis analysis, ISet<string> stored, Precision? precision)
    {
        long SizeOf(TensorInfo? info) => info?.ElementCount is { } n ? ElementSize.Bytes(info.DataType, n, precision) : 0;

        var traffic = new Dictionary<NodeAnalysis, NodeTraffic>();
        foreach (var node in analysis.Nodes)
        {
            if (NodeKinds.IsFree(node))
            {
                traffic[node] = default;
                continue;
            }

            long activations = 0, weights = 0;
            foreach (var (name, i) in node.Node.Inputs.Select((n, i) => (n, i)).DistinctBy(x => x.n))
            {
                if (name.Length == 0)
                {
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

            traffic[node] = new NodeTraffic(activations, weights, node.Outputs.Sum(SizeOf));
        }

        return (traffic, PeakActivations(graph, analysis, stored, SizeOf));
    }

    private static long PeakActivations(Graph.Graph graph, GraphAnalysis analysis, ISet<string> stored, Func<TensorInfo?, long> sizeOf)
    {
        var nodes = analysis.Nodes;
        var root = new Dictionary<string, string>();
        string Root(string name) => root.TryGetValue(name, out var r) ? r : name;

        // Buffers: graph inputs from step 0; every non-view, non-constant output from its producer's step.
        var size = new Dictionary<string, long>();
        var born = new Dictionary<string, int>();
        foreach (var input in graph.Inputs)
        {
            size[input.Name] = sizeOf(analysis.Values.GetValueOrDefault(input.Name));
            born[input.Name] = 0;
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (NodeKinds.IsView(node) && node.Node.Inputs.Count > 0 && node.Node.Outputs.Count > 0)
            {
                root[node.Node.Outputs[0]] = Root(node.Node.Inputs[0]);
                continue;
            }

            for (var o = 0; o < node.Node.Outputs.Count; o++)
            {
                var name = node.Node.Outputs[o];
                if (name.Length > 0 && !stored.Contains(name) && node.Outputs[o] is { Value: null } info)
                {
                    size[name] = sizeOf(info);
                    born[name] = i;
                }
            }
        }

        var death = new Dictionary<string, int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var input in nodes[i].Node.Inputs)
            {
                var r = Root(input);
                if (size.ContainsKey(r))
                {
                    death[r] = Math.Max(death.GetValueOrDefault(r, i), i);
                }
            }
        }

        foreach (var output in graph.Outputs)
        {
            var r = Root(output.Name);
            if (size.ContainsKey(r))
            {
                death[r] = nodes.Count;
            }
        }

        var delta = new long[nodes.Count + 2];
        foreach (var (name, bytes) in size)
        {
            var start = born[name];
            var end = death.GetValueOrDefault(name, start);
            delta[start] += bytes;
            delta[end + 1] -= bytes;
        }

        long live = 0, peak = 0;
        foreach (var d in delta)
        {
            live += d;
            peak = Math.Max(peak, live);
        }

        return peak;
    }
}
