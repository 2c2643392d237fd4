using FlopScope.Inference;
using FlopScope.Memory;
using FlopScope.Profiling;

namespace FlopScope.Kernels;

/// <summary>
/// Groups a profile's nodes into the kernels a runtime launches, from the runtime's fusion table
/// (<see cref="RuntimeProfile.Rules"/>): walking nodes in execution order, the first rule whose anchor matches a node
/// not yet in a kernel and absorbs at least one more node forms a kernel; otherwise the node is a kernel alone. Removed
/// ops and statically known nodes vanish; views the runtime dispatches become copy-free kernels; a layout pass may
/// insert reorder kernels. A kernel's traffic is what enters and leaves it. docs/estimator.md explains every rule.
/// </summary>
public static class KernelDetector
{
    /// <summary>Rule id of a shape computation on a symbolic dimension that runs as its own small kernel.</summary>
    public const string ShapeArithmeticRule = "shape-arithmetic";

    /// <summary>The kernels of <paramref name="report"/> under <paramref name="runtime"/>, in launch order.</summary>
    public static IReadOnlyList<Kernel> Detect(ProfileReport report, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(runtime);
        var view = new GraphView(report, runtime);
        var matcher = new FusionMatcher(view, runtime);
        var assigned = new bool[view.Layers.Count];
        var groups = new List<(List<int> Nodes, string Rule, KernelClass Class)>();
        var views = new Dictionary<int, int>();
        for (var i = 0; i < view.Layers.Count; i++)
        {
            if (assigned[i] || view.Vanished[i])
            {
                continue;
            }

            if (view.IsShapeKernel[i])
            {
                assigned[i] = true;
                groups.Add(([i], ShapeArithmeticRule, KernelClass.DataMovement));
                continue;
            }

            if (view.IsViewKernel[i])
            {
                var chain = matcher.Match(i, assigned)?.Nodes ?? [i];
                chain.ForEach(c => assigned[c] = true);
                groups.Add((chain, "view", KernelClass.DataMovement));
                continue;
            }

            if (runtime.MergedSiblings.Contains(view.Op(i)) && view.ComputedInputs(i).FirstOrDefault() is { } source)
            {
                var siblings = view.Consumers(source).Where(c => !assigned[c] && view.Op(c) == view.Op(i) && view.ComputedInputs(c).SequenceEqual([source])).ToList();
                // Slices whose bounds are computed at inference stay separate kernels (a Split needs constant bounds).
                if (siblings.Count > 1 && !siblings.Any(view.HasSymbolicParameters))
                {
                    siblings.ForEach(c => assigned[c] = true);
                    groups.Add((siblings, "merged-siblings", KernelClass.DataMovement));
                    continue;
                }
            }

            var match = matcher.Match(i, assigned);
            var nodes = match?.Nodes ?? [i];
            foreach (var n in nodes)
            {
                assigned[n] = true;
            }

            groups.Add((nodes, match?.Rule ?? "single", match?.Class ?? ClassOf(view, i)));
            if (match is not null && runtime.Rules.First(r => r.Id == match.Value.Rule).InsertedViews is > 0 and var inserted
                && view.Layers[i].InputTensors.FirstOrDefault(t => !t.Constant) is { Dims.Count: > 2 })
            {
                views[groups.Count - 1] = inserted;
            }
        }

        var kernels = new List<Kernel>();
        for (var g = 0; g < groups.Count; g++)
        {
            var kernel = Build(view, runtime, groups[g].Nodes, groups[g].Rule, groups[g].Class);
            if (kernel.Nodes.Count == 1 && runtime.SplitOps.TryGetValue(kernel.Op, out var first))
            {
                kernels.Add(Inserted(runtime, first, "split-op", kernel.Layer, kernel.BytesRead) with { Class = KernelClass.Elementwise });
            }

            kernels.Add(kernel);
            for (var v = 0; v < views.GetValueOrDefault(g); v++)
            {
                kernels.Add(Inserted(runtime, "Reshape", "view", kernel.Layer, 0));
            }
        }

        if (runtime.StridedTransposes)
        {
            kernels = StridedTransposes.Apply(view, runtime, report.Opset, kernels);
        }

        if (runtime.Layout is { } layout)
        {
            kernels = NchwcLayout.Apply(view, runtime, layout, kernels);
        }

        if (runtime.CallReorders is { } reorders)
        {
            kernels = CallReorders.Apply(view, runtime, reorders, kernels);
        }

        kernels = MixedPrecision.Apply(view, runtime, Hardware.RooflineEstimator.ComputePrecision(report), kernels);

        return kernels.Select((k, id) => k with { Id = id }).ToArray();
    }

    /// <summary>MACs per output element of the first matrix product (conv, depthwise conv, GEMM) among
    /// <paramref name="nodes"/>: its MACs over its first output's elements; 0 when there is none.</summary>
    internal static long ReductionDepth(GraphView view, IReadOnlyList<int> nodes)
    {
        foreach (var n in nodes)
        {
            if (ClassOf(view, n) is KernelClass.Conv or KernelClass.DepthwiseConv or KernelClass.Gemm
                && view.Layers[n] is { Macs: > 0, OutputTensors: [{ Elements: > 0 } output, ..] } layer)
            {
                return Math.Max(1, layer.Macs / output.Elements);
            }
        }

        return 0;
    }

    /// <summary>The class of node <paramref name="i"/> alone.</summary>
    internal static KernelClass ClassOf(GraphView view, int i)
    {
        var group = view.Layers[i].Node is { } node && node.Attributes.TryGetValue("group", out var g) ? g.Int : 1;
        return KernelClasses.OfOp(view.Op(i), group);
    }

    /// <summary>A kernel the runtime adds that covers no node (a reorder, a reshape around a fused kernel).</summary>
    internal static Kernel Inserted(RuntimeProfile runtime, string op, string rule, int layer, long bytes) => new()
    {
        Id = 0,
        Runtime = runtime.Id,
        Class = KernelClass.DataMovement,
        Rule = rule,
        Op = op,
        Nodes = [],
        NodeNames = [],
        Layer = layer,
        Flops = 0,
        BytesRead = bytes,
        BytesWritten = bytes,
        OutputElements = 0,
        ParallelWork = Utilisation.Work(bytes / 4, runtime.TileElements.GetValueOrDefault(KernelClass.DataMovement, 4096)),
    };

    /// <summary>A kernel over <paramref name="nodes"/>: reads what enters, writes what leaves.</summary>
    internal static Kernel Build(GraphView view, RuntimeProfile runtime, List<int> nodes, string rule, KernelClass kernelClass)
    {
        nodes.Sort();
        var members = nodes.ToHashSet();
        var produced = nodes.SelectMany(view.Outputs).Select(view.Resolve).ToHashSet(StringComparer.Ordinal);
        long read = 0, written = 0, outputs = 0, weights = 0;
        var isView = rule == "view";
        if (!isView)
        {
            // Bytes of each tensor entering the kernel; a gathered table counts only the rows its gathers read.
            var entering = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var n in nodes)
            {
                var node = view.Layers[n].Node;
                for (var i = 0; i < (node?.Inputs.Count ?? 0); i++)
                {
                    var name = node!.Inputs[i].Length > 0 ? view.Resolve(node.Inputs[i]) : string.Empty;
                    if (name.Length == 0 || produced.Contains(name))
                    {
                        continue;
                    }

                    var bytes = view.Tensor(name)?.Bytes ?? 0;
                    if (GatherTraffic.IsGatheredInput(node.Domain, node.OpType, i) && view.Tensor(name) is { Elements: > 0 } table
                        && view.Layers[n].OutputTensors is [var gathered, ..])
                    {
                        bytes = GatherTraffic.BytesRead(table.Bytes, table.Elements, gathered.Elements);
                    }

                    entering[name] = Math.Max(entering.GetValueOrDefault(name), bytes);
                }
            }

            read = entering.Values.Sum();
            weights = entering.Where(kv => view.Tensor(kv.Key) is { Constant: true }).Sum(kv => kv.Value);

            foreach (var name in nodes.SelectMany(view.Outputs))
            {
                var internalOnly = !view.IsGraphOutput(name) && view.Consumers(name).Count > 0 && view.Consumers(name).All(members.Contains);
                if (!internalOnly && view.Tensor(name) is { } t)
                {
                    written += t.Bytes;
                    outputs += t.Elements;
                }
            }
        }

        // Activations the kernel applies in a second pass over its output re-read and re-write that output.
        var passActivations = runtime.Rules.FirstOrDefault(r => r.Id == rule)?.PassActivations ?? [];
        var pass = nodes.Skip(1).Where(n => passActivations.Contains(view.Op(n)))
            .Sum(n => view.Layers[n].OutputTensors is [var output, ..] ? 2 * output.Bytes : 0);
        var tile = runtime.TileElements.GetValueOrDefault(kernelClass, 4096);
        return new Kernel
        {
            ReductionDepth = ReductionDepth(view, nodes),
            Id = 0,
            Runtime = runtime.Id,
            Class = kernelClass,
            Rule = rule,
            Op = string.Join("+", nodes.Select(view.Op)),
            Nodes = nodes,
            NodeNames = nodes.Select(n => view.Layers[n].Name).ToArray(),
            Layer = nodes[0],
            Flops = nodes.Sum(n => view.Layers[n].TotalFlops),
            BytesRead = read,
            WeightBytes = weights,
            BytesWritten = written,
            PassBytes = pass,
            OutputElements = outputs,
            ParallelWork = Utilisation.Work(outputs, tile),
            Counted = nodes.All(n => view.Layers[n].Status == NodeStatus.Resolved),
        };
    }
}
