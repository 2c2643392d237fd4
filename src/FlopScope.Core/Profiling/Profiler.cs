using FlopScope.Graph;
using FlopScope.Inference;
using FlopScope.Memory;
using FlopScope.Operators;

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
        options ??= new ProfileOptions();
        options.Validate();
        var inputs = InputBinder.Bind(model.Graph, options);
        var analyzer = new GraphAnalyzer(options.Registry ?? OperatorRegistry.CreateDefault(), model.Opsets, model.Functions);
        var analysis = analyzer.Analyze(model.Graph, InputBinder.ToTensorInfos(inputs));
        var (parameters, perNode, stored, counted) = ParameterCounter.Count(model.Graph, analysis);
        var (traffic, peak) = MemoryAnalyzer.Analyze(model.Graph, analysis, stored, options.Precision);

        var layers = analysis.Nodes.Select((node, index) =>
        {
            var weightBearing = WeightOps.Contains(node.Node.OpType) && node.Node.Inputs
                .Select((name, i) => (name, i))
                .Any(x => stored.Contains(x.name) && x.i < node.InputRoles.Length && node.InputRoles[x.i] == InputRole.Weight);
            var macs = options.Convention == CountingConvention.Ultralytics && !weightBearing ? 0 : node.Cost.Macs;
            return new LayerProfile
            {
                Index = index,
                Name = node.DisplayName,
                Op = OpName(node.Node),
                Module = ModuleNames.Of(node.Node.Name, options.ModuleDepth),
                Outputs = node.Outputs.Select(o => o?.Shape?.ToString() ?? "?").ToArray(),
                Parameters = perNode.GetValueOrDefault(node),
                Traffic = traffic.GetValueOrDefault(node),
                Free = NodeKinds.IsFree(node),
                Macs = macs,
                TotalFlops = node.Cost.TotalFlops,
                OtherFlops = node.Cost.OtherFlops,
                WeightBearing = weightBearing,
                Status = node.Status,
                Reason = node.Reason,
                Notes = node.Notes,
                Node = node.Node,
                InputTensors = Tensors(node.Node.Inputs, node.Inputs, stored, options.Precision).DistinctBy(t => t.Name).ToArray(),
                OutputTensors = Tensors(node.Node.Outputs, node.Outputs, stored, options.Precision).ToArray(),
            };
        }).ToArray();

        var all = ParameterCounter.Flatten(analysis.Nodes).ToList();
        var summary = new ProfileSummary
        {
            Model = model.Name,
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
                .Select(g => new ModuleProfile(g.Key, g.Count(), g.Sum(l => l.Parameters), g.Sum(l => l.Macs), g.Sum(l => l.TotalFlops)))
                .ToArray(),
            ModuleDepth = options.ModuleDepth,
            Memory = new MemoryProfile(
                options.Precision is { } p ? ElementSize.Name(p) : "model",
                counted.Sum(c => ElementSize.Bytes(c.Type, c.Elements, options.Precision)),
                peak,
                layers.Sum(l => l.Traffic.BytesRead),
                layers.Sum(l => l.Traffic.BytesWritten)),
            Opset = model.DefaultOpset,
            GraphOutputs = model.Graph.Outputs.Select(o => o.Name).ToArray(),
            Producer = $"{model.ProducerName} {model.ProducerVersion}".Trim(),
        };
    }

    private static IEnumerable<LayerTensor> Tensors(IReadOnlyList<string> names, IReadOnlyList<TensorInfo?> infos, HashSet<string> stored, Hardware.Precision? precision)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Length == 0)
            {
                continue;
            }

            var info = i < infos.Count ? infos[i] : null;
            var elements = info?.ElementCount ?? 0;
            var bytes = info is not null && info.ElementCount is { } n ? ElementSize.Bytes(info.DataType, n, precision) : 0;
            yield return new LayerTensor(names[i], elements, bytes, stored.Contains(names[i]) || info?.Value is not null);
        }
    }

    private static string OpName(Node node) => node.Domain.Length == 0 ? node.OpType : $"{node.Domain}.{node.OpType}";

    private static OpIssue[] Issues(IEnumerable<NodeAnalysis> nodes, NodeStatus status) => nodes
        .Where(n => n.Status == status)
        .GroupBy(n => OpName(n.Node))
        .Select(g => new OpIssue(g.Key, g.Count(), g.First().Reason ?? string.Empty))
        .OrderByDescending(i => i.Nodes).ThenBy(i => i.Op, StringComparer.Ordinal)
        .ToArray();
}
