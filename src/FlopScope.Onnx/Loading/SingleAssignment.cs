using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Safety;

namespace FlopScope.Onnx.Loading;

/// <summary>
/// ONNX graphs are in single static assignment form (the ONNX checker's rule, docs/limits.md): every graph input
/// name, initializer name and node output name is defined once, and a graph output is listed once. A second definition
/// made FlopScope silently use whichever came last (or fail inside the analysis); it is an error naming the value.
/// </summary>
internal static class SingleAssignment
{
    /// <exception cref="InvalidModelException">A name defined twice.</exception>
    public static void Check(string graph, IReadOnlyList<Node> nodes, IReadOnlyList<ValueInfo> inputs, IReadOnlyList<ValueInfo> outputs,
        IReadOnlyDictionary<string, TensorDescriptor> initializers)
    {
        var where = graph.Length > 0 ? $"graph '{SafeText.Clean(graph)}'" : "the graph";
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (!defined.Add(input.Name))
            {
                throw Twice(where, $"graph input '{input.Name}' is declared twice");
            }
        }

        // Before IR 4 initializers were also listed as inputs: an initializer may repeat an input's name.
        foreach (var name in initializers.Keys)
        {
            defined.Add(name);
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            foreach (var output in nodes[i].Outputs)
            {
                if (output.Length > 0 && !defined.Add(output))
                {
                    var node = nodes[i].Name.Length > 0 ? nodes[i].Name : $"{nodes[i].OpType}_{i}";
                    throw Twice(where, $"value '{output}' written by {nodes[i].OpType} '{node}' is already defined (by another node, a graph input or an initializer)");
                }
            }
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (!listed.Add(output.Name))
            {
                throw Twice(where, $"graph output '{output.Name}' is listed twice");
            }
        }
    }

    private static InvalidModelException Twice(string where, string what) =>
        new($"Invalid model: in {where}, {SafeText.Clean(what)}; ONNX names each value once (single static assignment).");
}
