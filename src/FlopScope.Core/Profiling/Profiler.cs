using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Memory;
using FlopScope.Operators;
using FlopScope.Safety;

namespace FlopScope.Profiling;

/// <summary>Profiles a model: binds input sizes, runs shape inference and the cost rules, counts parameters and
/// aggregates per layer, op type and module.</summary>
public static class Profiler
{
    /// <summary>Ops that carry a weight operand in thop's sense (Ultralytics convention counts only these).</summary>
    private static readonly HashSet<string> WeightOps =
    [
        "Conv", "ConvTranspose", "Gemm", "MatMul", "ConvInteger", "MatMulInteger", "QLinearConv", "QLinearMatMul",
        "FusedConv", "FusedMatMul", "MatMulNBits", "FusedGemm",
    ];

    /// <summary>Profiles <paramref name="model"/>.</summary>
    /// <exception cref="Errors.FlopScopeException">Bad options, unbound dimensions, an invalid graph or impossible shapes.</exception>
    public static ProfileReport Profile(Model model, ProfileOptions? options = null)
    {
        try
        {
            return ProfileChecked(model, options ?? new ProfileOptions());
        }
        catch (OverflowException)
        {
            // Each node's own figures are checked where they are made (naming the node); totals over many huge nodes
            // can still overflow, and that is an input problem, not a crash.
            throw CheckedMath.Overflow($"model '{model.Name}': totals over its nodes (FLOPs, bytes or parameters)");
        }
    }

    private static ProfileReport ProfileChecked(Model model, ProfileOptions options)
    {
        options.Validate();
        var inputs = InputBinder.Bind(model.Graph, options);
        var stored = StaticExport.Stored(model.Graph, inputs);
        if (!StaticExport.Overrides(stored, inputs))
        {
            return Build(model, options, inputs, null);
        }

        if (options.Rescale)
        {
            var plan = StaticExport.Plan(model.Graph, stored, inputs);
            return Build(model, options, stored, plan) with { Inputs = inputs };
        }

        try
        {
            return Build(model, options, inputs, null);
        }
        catch (Errors.FlopScopeException e) when (e is not Errors.InvalidModelException)
        {
            throw StaticExport.Fixed(stored, inputs, e);
        }
    }

    /// <summary>Profiles at <paramref name="inputs"/>; with a <paramref name="plan"/>, scales every node's costs to the
    /// requested size and labels them.</summary>
    private static ProfileReport Build(Model model, ProfileOptions options, IReadOnlyList<BoundInput> inputs, ScalePlan? plan)
    {
        var analyzer = new GraphAnalyzer(options.Registry ?? OperatorRegistry.CreateDefault(), model.Opsets, model.Functions);
        var analysis = analyzer.Analyze(model.Graph, InputBinder.ToTensorInfos(inputs));
        var (parameters, perNode, stored, counted) = ParameterCounter.Count(model.Graph, analysis, model.IdenticalTensors);
        var (traffic, peak) = MemoryAnalyzer.Analyze(model.Graph, analysis, stored, options.Precision);

        var approximate = new List<(string Name, long Macs, long TotalFlops)>();
        var exactCount = 0;
        // Texts shared between layers (module paths, shape texts, dimension lists) are made once per distinct value:
        // a 1,000,000-node graph otherwise holds a million copies of "(root)" and "1x64".
        var text = new TextCache();
        var layers = new LayerProfile[analysis.Nodes.Count];
        for (var index = 0; index < layers.Length; index++)
        {
            var node = analysis.Nodes[index];
            var weightBearing = WeightOps.Contains(node.Node.OpType) && IsWeightBearing(node, stored);
            var macs = options.Convention == CountingConvention.Ultralytics && !weightBearing ? 0 : node.Cost.Macs;
            var layerTraffic = traffic[index];
            var totalFlops = node.Cost.TotalFlops;
            var otherFlops = node.Cost.OtherFlops;
            IReadOnlyList<string> notes = node.HasNotes ? node.Notes : [];
            if (plan is not null)
            {
                var checkedExact = plan.IsExact(node);
                var exact = checkedExact || (totalFlops == 0 && macs == 0);
                exactCount += checkedExact ? 1 : 0;
                (macs, totalFlops, otherFlops) = (plan.Scale(macs), plan.Scale(totalFlops), plan.Scale(otherFlops));
                layerTraffic = layerTraffic with { ActivationBytesRead = plan.Scale(layerTraffic.ActivationBytesRead), BytesWritten = plan.Scale(layerTraffic.BytesWritten) };
                notes = [.. notes, exact
                    ? $"scaled {plan.FactorText} from {plan.StoredShape} (exact)"
                    : $"scaled {plan.FactorText} from {plan.StoredShape} by area (approximate)"];
                if (!exact)
                {
                    approximate.Add((node.DisplayName, macs, totalFlops));
                }
            }

            var outputs = new string[node.Outputs.Length];
            for (var o = 0; o < outputs.Length; o++)
            {
                outputs[o] = node.Outputs[o]?.Shape is { } shape ? text.Shape(shape) : "?";
            }

            layers[index] = new LayerProfile
            {
                Index = index,
                // Model-supplied text is cleaned once here, for every format: no control characters reach a report.
                Name = SafeText.Clean(node.DisplayName),
                Op = text.Op(node.Node),
                Module = text.Module(node.Node.Name, options.ModuleDepth),
                Outputs = outputs,
                Parameters = perNode.GetValueOrDefault(node),
                Traffic = layerTraffic,
                Free = NodeKinds.IsFree(node),
                Macs = macs,
                TotalFlops = totalFlops,
                OtherFlops = otherFlops,
                WeightBearing = weightBearing,
                Status = node.Status,
                Reason = node.Reason is null ? null : SafeText.Clean(node.Reason),
                Notes = notes.Any(n => n.Any(SafeText.IsUnsafe)) ? notes.Select(SafeText.Clean).ToArray() : notes,
                Node = node.Node,
                InputTensors = Tensors(node.Node.Inputs, node.Inputs, stored, options.Precision, text, distinct: true),
                OutputTensors = Tensors(node.Node.Outputs, node.Outputs, stored, options.Precision, text, distinct: false),
            };
        }

        var all = ParameterCounter.Flatten(analysis.Nodes).ToList();
        var summary = new ProfileSummary
        {
            Model = SafeText.Clean(model.Name),
            Nodes = analysis.Nodes.Count,
            Parameters = parameters,
            Macs = layers.Sum(l => l.Macs),
            TotalFlops = layers.Sum(l => l.TotalFlops),
            Convention = options.Convention,
            Unsupported = Issues(all, NodeStatus.Unsupported),
            Unresolved = Issues(all, NodeStatus.Unresolved),
        };

        return new ProfileReport
        {
            Summary = summary,
            Inputs = inputs,
            Layers = layers,
            ByOp = layers.GroupBy(l => l.Op)
                .Select(g => new OpTypeProfile(g.Key, g.Count(), g.Sum(l => l.Parameters), g.Sum(l => l.Macs), g.Sum(l => l.TotalFlops)))
                .OrderByDescending(o => o.TotalFlops).ThenByDescending(o => o.Count).ThenBy(o => o.Op, StringComparer.Ordinal)
                .ToArray(),
            ByModule = layers.GroupBy(l => l.Module)
                .OrderBy(g => ModuleOrder(g, analysis.Nodes))
                .Select(g => new ModuleProfile(g.Key, g.Count(), g.Sum(l => l.Parameters), g.Sum(l => l.Macs), g.Sum(l => l.TotalFlops)))
                .ToArray(),
            ModuleDepth = options.ModuleDepth,
            Memory = new MemoryProfile(
                options.Precision is { } p ? ElementSize.Name(p) : "model",
                counted.Sum(c => ElementSize.Bytes(c.Type, c.Elements, options.Precision)),
                plan is null ? peak : plan.Scale(peak),
                layers.Sum(l => l.Traffic.BytesRead),
                layers.Sum(l => l.Traffic.BytesWritten)),
            Opset = model.DefaultOpset,
            GraphOutputs = model.Graph.Outputs.Select(o => SafeText.Clean(o.Name)).ToArray(),
            Producer = SafeText.Clean($"{model.ProducerName} {model.ProducerVersion}".Trim()),
            Scaling = plan is null ? null : new ProfileScaling
            {
                StoredShape = plan.StoredShape,
                Factor = plan.Factor,
                ExactNodes = exactCount,
                ApproximateNodes = approximate.Select(a => a.Name).ToArray(),
                ApproximateMacs = approximate.Sum(a => a.Macs),
                ApproximateTotalFlops = approximate.Sum(a => a.TotalFlops),
            },
        };
    }

    /// <summary>Where a module sits in the graph as exported: its first node in file order, Constant nodes aside (the
    /// execution order lists every Constant first, which put model.10 before model.1).</summary>
    private static int ModuleOrder(IEnumerable<LayerProfile> layers, IReadOnlyList<NodeAnalysis> nodes)
    {
        int first = int.MaxValue, firstCompute = int.MaxValue;
        foreach (var layer in layers)
        {
            var node = nodes[layer.Index];
            first = Math.Min(first, node.FileIndex);
            if (node.Node.OpType != "Constant")
            {
                firstCompute = Math.Min(firstCompute, node.FileIndex);
            }
        }

        return firstCompute != int.MaxValue ? firstCompute : first;
    }

    private static bool IsWeightBearing(NodeAnalysis node, HashSet<string> stored)
    {
        for (var i = 0; i < node.Node.Inputs.Count && i < node.InputRoles.Length; i++)
        {
            if (node.InputRoles[i] == InputRole.Weight && stored.Contains(node.Node.Inputs[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static LayerTensor[] Tensors(IReadOnlyList<string> names, IReadOnlyList<TensorInfo?> infos, HashSet<string> stored, Hardware.Precision? precision,
        TextCache text, bool distinct)
    {
        var count = 0;
        for (var i = 0; i < names.Count; i++)
        {
            count += names[i].Length == 0 ? 0 : 1;
        }

        if (count == 0)
        {
            return [];
        }

        var tensors = new List<LayerTensor>(count);
        var seen = distinct && count > 8 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
            {
                continue;
            }

            var name = SafeText.Clean(names[i]);
            if (distinct && (seen is null ? Listed(tensors, name) : !seen.Add(name)))
            {
                continue;
            }

            var info = i < infos.Count ? infos[i] : null;
            var elements = info?.ElementCount ?? 0;
            // Sizes only feed kernel detection: a size too large to count in bytes is left unknown rather than failing.
            var bytes = info is not null && info.ElementCount is { } n && n <= long.MaxValue / 16 ? ElementSize.Bytes(info.DataType, n, precision) : 0;
            var dims = info?.Shape is { IsFullyKnown: true } shape ? text.Dims(shape) : [];
            tensors.Add(new LayerTensor(name, elements, bytes, stored.Contains(names[i]) || info?.Value is not null, dims)
            {
                DataType = info?.DataType,
                Value = info?.Value is { Length: <= LayerTensor.MaxValueElements } value ? value : null,
            });
        }

        return [.. tensors];
    }

    private static bool Listed(List<LayerTensor> tensors, string name)
    {
        foreach (var t in tensors)
        {
            if (t.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    internal static string OpName(Node node) => SafeText.Clean(node.Domain.Length == 0 ? node.OpType : $"{node.Domain}.{node.OpType}");

    private static OpIssue[] Issues(IEnumerable<NodeAnalysis> nodes, NodeStatus status) => nodes
        .Where(n => n.Status == status)
        .GroupBy(n => OpName(n.Node))
        .Select(g => new OpIssue(g.Key, g.Count(), SafeText.Clean(g.First().Reason ?? string.Empty)))
        .OrderByDescending(i => i.Nodes).ThenBy(i => i.Op, StringComparer.Ordinal)
        .ToArray();
}
