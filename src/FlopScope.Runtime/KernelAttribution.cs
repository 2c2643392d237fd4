using FlopScope.Profiling;

namespace FlopScope.Runtime;

/// <summary>
/// Attributes ONNX Runtime kernel times to the original nodes of a model. A kernel whose node has the name of an
/// original node covers it (always the case without optimizations; unnamed nodes match by index). A kernel the
/// optimizer created (FusedConv, a fused GELU, an NCHWc Conv) covers the original nodes that produced its outputs,
/// walking back through every intermediate tensor that no longer exists in the optimized graph. A kernel that still
/// covers nothing (NCHWc reorders) adds its time to the nearest kernel downstream that does. Each original node is
/// covered by at most one kernel; nodes no kernel covers were constant-folded or eliminated and take no time.
/// </summary>
internal static class KernelAttribution
{
    public static LayerTiming Attribute(
        Graph.Graph original, ProfileReport profile, Graph.Graph? optimized, OrtTrace trace, int runs, GraphOptimization level)
    {
        // Graph index -> profile layer index (the profile names layers by Graph.DisplayName).
        var layerByName = profile.Layers.GroupBy(l => l.Name).ToDictionary(g => g.Key, g => new Queue<int>(g.Select(l => l.Index)));
        var layerOf = new int[original.Nodes.Count];
        for (var i = 0; i < original.Nodes.Count; i++)
        {
            layerOf[i] = layerByName.TryGetValue(original.DisplayName(i), out var q) && q.Count > 0 ? q.Dequeue() : -1;
        }

        var session = optimized ?? original;
        var keys = session.Nodes.Select((n, i) => n.Name.Length > 0 ? n.Name : "#" + i).ToArray();
        var owner = OriginalNodeMap.Owners(original, session, optimized is not null);
        var exact = optimized is null;
        var covers = Enumerable.Range(0, session.Nodes.Count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < owner.Length; i++)
        {
            if (owner[i] >= 0)
            {
                covers[owner[i]].Add(i);
            }
        }

        // Kernel times (µs per run) by session node; trace kernels with no session node are kept apart.
        var perRun = Math.Max(1, runs);
        var time = new double[session.Nodes.Count];
        var keyIndex = keys.Select((key, k) => (key, k)).GroupBy(x => x.key).ToDictionary(g => g.Key, g => g.First().k, StringComparer.Ordinal);
        var strays = new List<KernelTime>();
        foreach (var (key, kernel) in trace.Kernels)
        {
            var k = keyIndex.TryGetValue(key, out var found) ? found
                : optimized is null && kernel.NodeIndex >= 0 && kernel.NodeIndex < keys.Length && kernel.Name.Length == 0 ? kernel.NodeIndex : -1;
            if (k >= 0)
            {
                time[k] += kernel.TotalUs / perRun;
            }
            else
            {
                strays.Add(new KernelTime { Name = kernel.Name, Op = kernel.Op, TimeMs = kernel.TotalUs / perRun / 1000, Covers = [] });
            }
        }

        // 4. Kernels covering nothing give their time to the nearest covering kernel downstream (else upstream).
        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var producers = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < session.Nodes.Count; k++)
        {
            foreach (var input in session.Nodes[k].Inputs)
            {
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(k);
            }

            foreach (var output in session.Nodes[k].Outputs)
            {
                producers[output] = k;
            }
        }

        var absorbed = new Dictionary<int, List<string>>();
        for (var k = 0; k < session.Nodes.Count; k++)
        {
            if (covers[k].Count > 0 || time[k] == 0)
            {
                continue;
            }

            var target = Nearest(k, session, covers, consumers, producers);
            if (target >= 0)
            {
                time[target] += time[k];
                (absorbed.TryGetValue(target, out var list) ? list : absorbed[target] = []).Add(KernelOp(session.Nodes[k]));
                time[k] = 0;
                exact = false;
            }
        }

        var layerTimes = new double[profile.Layers.Count];
        var layerKernel = new string?[profile.Layers.Count];
        var layerFused = new bool[profile.Layers.Count];
        var kernels = new List<KernelTime>();
        for (var k = 0; k < session.Nodes.Count; k++)
        {
            var layers = covers[k].Select(i => layerOf[i]).Where(l => l >= 0).ToArray();
            if (layers.Length == 0 && time[k] == 0)
            {
                continue;
            }

            var name = session.Nodes[k].Name.Length > 0 ? session.Nodes[k].Name : keys[k];
            var op = KernelOp(session.Nodes[k]) + (absorbed.TryGetValue(k, out var extra) ? " (+" + string.Join(", ", extra.Distinct()) + ")" : string.Empty);
            kernels.Add(new KernelTime { Name = name, Op = op, TimeMs = time[k] / 1000, Covers = layers });
            var flops = layers.Sum(l => (double)profile.Layers[l].TotalFlops);
            foreach (var l in layers)
            {
                layerTimes[l] += time[k] / 1000 * (flops > 0 ? profile.Layers[l].TotalFlops / flops : 1.0 / layers.Length);
                layerKernel[l] = name;
                layerFused[l] = layers.Length > 1;
            }

            if (layers.Length != 1)
            {
                exact = false;
            }
        }

        kernels.AddRange(strays);
        exact &= strays.Count == 0 && optimized is null;
        var layerRows = profile.Layers.Select(l => new LayerTime
        {
            Index = l.Index, Name = l.Name, Op = l.Op, Module = l.Module, TotalFlops = l.TotalFlops, TimeMs = layerTimes[l.Index],
            Kernel = layerKernel[l.Index], Fused = layerFused[l.Index],
        }).ToArray();

        var totalMs = kernels.Sum(k => k.TimeMs);
        var totalFlops = Math.Max(1, profile.Layers.Sum(l => l.TotalFlops));
        GroupTime Group(string key, IEnumerable<LayerTime> members, double ms)
        {
            var list = members.ToList();
            var flops = list.Sum(m => m.TotalFlops);
            return new GroupTime
            {
                Key = key, Nodes = list.Count, TotalFlops = flops, TimeMs = ms,
                FlopsShare = (double)flops / totalFlops, TimeShare = totalMs > 0 ? ms / totalMs : 0,
            };
        }

        // By op: a kernel's whole time under the joined op types of the nodes it covers.
        var opKey = new string[profile.Layers.Count];
        foreach (var kernel in kernels)
        {
            var all = kernel.Covers.Select(l => profile.Layers[l].Op).Distinct().ToArray();
            var real = all.Where(o => o is not ("Identity" or "Constant")).ToArray();
            var ops = real.Length > 0 ? real : all;
            foreach (var l in kernel.Covers)
            {
                opKey[l] = string.Join("+", ops);
            }
        }

        var byOp = layerRows.GroupBy(l => opKey[l.Index] ?? l.Op + " (no kernel)")
            .Select(g => Group(g.Key, g, g.Sum(l => l.TimeMs)))
            .OrderByDescending(g => g.TimeMs).ThenBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var byModule = layerRows.GroupBy(l => l.Module).Select(g => Group(g.Key, g, g.Sum(l => l.TimeMs))).ToArray();

        var note = optimized is null
            ? "graph optimizations off: every kernel is one node of the model" + (strays.Count > 0 ? $"; {strays.Count} kernel(s) ONNX Runtime inserted are listed apart" : string.Empty)
            : $"graph optimizations {level.ToString().ToLowerInvariant()}: {session.Nodes.Count} kernels for {original.Nodes.Count} nodes; fused kernels are mapped back to the nodes they cover (time split among them by FLOPs), layout conversions are added to the kernel they feed, and nodes the optimizer folded or removed take no time. Use --graph-optimization none for exact per-node times.";
        return new LayerTiming
        {
            Runs = runs,
            RunMs = trace.RunsUs.Count > 0 ? trace.RunsUs.Average() / 1000 : 0,
            KernelMs = totalMs,
            Attribution = exact ? "exact" : "mapped",
            Note = note,
            Layers = layerRows,
            Kernels = kernels,
            ByOp = byOp,
            ByModule = byModule,
        };
    }

    private static int Nearest(int start, Graph.Graph session, List<int>[] covers, Dictionary<string, List<int>> consumers, Dictionary<string, int> producers)
    {
        foreach (var downstream in new[] { true, false })
        {
            var queue = new Queue<int>([start]);
            var seen = new HashSet<int> { start };
            while (queue.Count > 0)
            {
                var k = queue.Dequeue();
                if (k != start && covers[k].Count > 0)
                {
                    return k;
                }

                var next = downstream
                    ? session.Nodes[k].Outputs.SelectMany(o => consumers.TryGetValue(o, out var c) ? c : [])
                    : session.Nodes[k].Inputs.Select(i => producers.TryGetValue(i, out var p) ? p : -1).Where(p => p >= 0);
                foreach (var n in next.Where(seen.Add))
                {
                    queue.Enqueue(n);
                }
            }
        }

        return -1;
    }

    /// <summary>The op a kernel runs, by what it computes: ONNX Runtime fuses SiLU (x * sigmoid(x)) into its QuickGelu
    /// kernel with alpha 1, which is not GELU, so that kernel reads "SiLU".</summary>
    internal static string KernelOp(Graph.Node node) =>
        node.OpType == "QuickGelu" && node.Domain == "com.microsoft"
        && node.Attributes.TryGetValue("alpha", out var alpha) && Math.Abs(alpha.Float - 1f) < 1e-6f
            ? "SiLU"
            : node.OpType;
}
