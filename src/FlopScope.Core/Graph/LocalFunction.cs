namespace FlopScope.Graph;

/// <summary>A model-local function (FunctionProto): a named subgraph that nodes of its domain and name call.</summary>
/// <param name="Domain">Function domain.</param>
/// <param name="Name">Function name (the op type of calling nodes).</param>
/// <param name="Inputs">Formal input names.</param>
/// <param name="Outputs">Formal output names.</param>
/// <param name="AttributeNames">Formal attribute names.</param>
/// <param name="Nodes">Body nodes.</param>
/// <param name="Opsets">Opsets the body imports.</param>
public sealed record LocalFunction(string Domain, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs,
    IReadOnlyList<string> AttributeNames, IReadOnlyList<Node> Nodes, IReadOnlyDictionary<string, long> Opsets);
