namespace FlopScope.Inference;

/// <summary>Result of analysing a whole graph: nodes in topological order and every value's inferred facts.</summary>
/// <param name="Nodes">Node analyses in topological (execution) order.</param>
/// <param name="Values">Inferred facts of every value of the graph, by name (null where unknown).</param>
public sealed record GraphAnalysis(IReadOnlyList<NodeAnalysis> Nodes, IReadOnlyDictionary<string, TensorInfo?> Values);
