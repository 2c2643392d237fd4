using System.Text.RegularExpressions;

namespace FlopScope.Runtime;

/// <summary>
/// Which original nodes each node of ONNX Runtime's optimized (session) graph covers:
/// <list type="number">
/// <item>same name and op type (nodes the optimizer left alone);</item>
/// <item>a kernel named after an original tensor (<c>&lt;tensor&gt;_nchwc</c>) or node (<c>&lt;node&gt;/QuickGeluFusion/</c>)
/// stands for that tensor's producer or that node;</item>
/// <item>lineage: the original producers of a kernel's outputs, walking back through every tensor the optimized
/// graph no longer has;</item>
/// <item>an NCHWc convolution with a fused sum input or activation also covers the Add and the activation that follow
/// the convolution it stands for (they are in its epilogue, not upstream of it).</item>
/// </list>
/// Each original node is covered at most once; nodes no kernel covers were folded or removed.
/// </summary>
internal static partial class OriginalNodeMap
{
    public static int[] Owners(Graph.Graph original, Graph.Graph session, bool optimized)
    {
        var keys = session.Nodes.Select((n, i) => n.Name.Length > 0 ? n.Name : "#" + i).ToArray();
        var originalByName = new Dictionary<string, int>(StringComparer.Ordinal);
        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < original.Nodes.Count; i++)
        {
            var node = original.Nodes[i];
            originalByName.TryAdd(node.Name.Length > 0 ? node.Name : "#" + i, i);
            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            {
                producer[output] = i;
            }

            foreach (var input in node.Inputs.Where(o => o.Length > 0).Distinct())
            {
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(i);
            }
        }

        var present = new HashSet<string>(session.Inputs.Select(i => i.Name).Concat(session.Initializers.Keys), StringComparer.Ordinal);
        foreach (var node in session.Nodes)
        {
            present.UnionWith(node.Inputs);
            present.UnionWith(node.Outputs);
        }

        var owner = new int[original.Nodes.Count];
        Array.Fill(owner, -1);
        for (var k = 0; k < session.Nodes.Count; k++)
        {
            if ((session.Nodes[k].Name.Length > 0 || !optimized) && originalByName.TryGetValue(keys[k], out var i) && owner[i] < 0
                && original.Nodes[i].OpType == session.Nodes[k].OpType)
            {
                owner[i] = k;
            }
        }

        // Kernels named after an original tensor or node first, so the reorders around them do not take their nodes.
        var starts = new string[session.Nodes.Count][];
        for (var k = 0; k < session.Nodes.Count; k++)
        {
            var name = session.Nodes[k].Name;
            starts[k] = TensorStem(name) is { } tensor ? [tensor]
                : NodeStem(name) is { } node && originalByName.TryGetValue(node, out var n) && owner[n] < 0 ? original.Nodes[n].Outputs.Concat(session.Nodes[k].Outputs).Where(o => o.Length > 0).Distinct().ToArray()
                : [];
        }

        var order = Enumerable.Range(0, session.Nodes.Count).OrderBy(k => starts[k].Length > 0 ? 0 : 1).ThenBy(k => k);
        foreach (var k in order)
        {
            var stack = new Stack<string>(starts[k].Length > 0 ? starts[k] : session.Nodes[k].Outputs.Where(o => o.Length > 0));
            var seen = new HashSet<int>();
            while (stack.Count > 0)
            {
                if (!producer.TryGetValue(stack.Pop(), out var p) || !seen.Add(p) || (owner[p] >= 0 && owner[p] != k))
                {
                    continue;
                }

                owner[p] = k;
                foreach (var input in original.Nodes[p].Inputs.Where(t => t.Length > 0 && !present.Contains(t)))
                {
                    stack.Push(input);
                }
            }

            if (session.Nodes[k].OpType == "Conv" && session.Nodes[k].Domain == "com.microsoft.nchwc" && TensorStem(session.Nodes[k].Name) is { } stem)
            {
                Epilogue(session.Nodes[k], stem, k, original, producer, consumers, owner);
            }

            // MatMul + bias Add become one Gemm named after the MatMul: the Add is downstream of it.
            if (session.Nodes[k].Name.EndsWith("/MatMulAddFusion", StringComparison.Ordinal) && NodeStem(session.Nodes[k].Name) is { } matmul
                && originalByName.TryGetValue(matmul, out var m) && original.Nodes[m].Outputs.Count > 0
                && consumers.TryGetValue(original.Nodes[m].Outputs[0], out var adds) && adds.Count == 1 && owner[adds[0]] < 0 && original.Nodes[adds[0]].OpType == "Add")
            {
                owner[adds[0]] = k;
            }
        }

        return owner;
    }

    /// <summary>An NCHWc Conv named after its convolution's output that has a sum input (4th input) or an activation
    /// covers the Add and activation consuming that output.</summary>
    private static void Epilogue(Graph.Node kernel, string stem, int k, Graph.Graph original, Dictionary<string, int> producer,
        Dictionary<string, List<int>> consumers, int[] owner)
    {
        if (!producer.TryGetValue(stem, out var p) || original.Nodes[p].OpType is not ("Conv" or "BatchNormalization"))
        {
            return;
        }

        var current = stem;
        bool Take(Func<Graph.Node, bool> accept)
        {
            if (consumers.TryGetValue(current, out var next) && next.Count == 1 && owner[next[0]] < 0 && accept(original.Nodes[next[0]]))
            {
                owner[next[0]] = k;
                current = original.Nodes[next[0]].Outputs[0];
                return true;
            }

            return false;
        }

        if (kernel.Inputs.Count >= 4 && kernel.Inputs[3].Length > 0)
        {
            Take(n => n.OpType is "Add" or "Sum");
        }

        if (kernel.Attributes.TryGetValue("activation", out var activation) && activation.String is { } name)
        {
            Take(n => n.OpType == name);
        }
    }

    /// <summary>The original tensor an NCHWc kernel computes (<c>&lt;tensor&gt;_nchwc</c>), or null.</summary>
    public static string? TensorStem(string name)
    {
        // BatchNormalization turned into a depthwise NCHWc Conv is named <tensor>_bn_nchwc.
        var cut = name.LastIndexOf("_nchwc", StringComparison.Ordinal);
        var stem = cut > 0 && name.Length - cut <= 8 ? name[..cut] : null;
        return stem is not null && stem.EndsWith("_bn", StringComparison.Ordinal) ? stem[..^3] : stem;
    }

    /// <summary>The original node a fusion names its kernel after (<c>&lt;node&gt;/QuickGeluFusion/</c>), or null.</summary>
    private static string? NodeStem(string name) => FusionSuffix().Match(name) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("^(.+)/[A-Za-z]+Fusion/?$")]
    private static partial Regex FusionSuffix();
}
