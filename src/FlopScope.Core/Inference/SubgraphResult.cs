namespace FlopScope.Inference;

/// <summary>Result of analysing a subgraph (If branch, Loop or Scan body, function body) once.</summary>
/// <param name="Outputs">Inferred outputs of the subgraph, in declared order.</param>
/// <param name="Cost">Cost of one execution.</param>
/// <param name="Nodes">Analyses of its nodes.</param>
public sealed record SubgraphResult(IReadOnlyList<TensorInfo?> Outputs, NodeCost Cost, IReadOnlyList<NodeAnalysis> Nodes);
