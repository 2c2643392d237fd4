using FlopScope.Graph;

namespace FlopScope.Benchmarks;

/// <summary>A chain of Relus over a 1x64 float input: the long-graph case of issue 12 (one node per layer, no weights).</summary>
internal static class Chain
{
    /// <summary>x0 (1x64) -> Relu r0 -> x1 -> ... -> Relu r(N-1) -> xN; N x 64 FLOPs, no parameters, no MACs.</summary>
    public static SyntheticModel Relus(int nodes)
    {
        var list = new Node[nodes];
        for (var i = 0; i < nodes; i++)
        {
            list[i] = new Node($"r{i}", "Relu", "", [$"x{i}"], [$"x{i + 1}"]);
        }

        var graph = new Graph.Graph("chain", list, [new ValueInfo("x0", DataType.Float, new TensorShape(1, 64))],
            [new ValueInfo($"x{nodes}", DataType.Float, null)], new Dictionary<string, TensorDescriptor>());
        return new SyntheticModel(new Model(graph, new Dictionary<string, long> { [""] = 17 }), 0, 0, "");
    }
}
