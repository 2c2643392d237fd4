namespace FlopScope.Graph;

/// <summary>One operator application in a graph.</summary>
public sealed class Node
{
    /// <summary>Creates a node.</summary>
    public Node(string name, string opType, string domain, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        IReadOnlyDictionary<string, AttributeValue>? attributes = null)
    {
        Name = name;
        OpType = opType;
        Domain = NormalizeDomain(domain);
        Inputs = inputs;
        Outputs = outputs;
        Attributes = attributes ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, AttributeValue>.Empty;
    }

    /// <summary>Node name as exported (may be empty; see <see cref="Graph.DisplayName"/>).</summary>
    public string Name { get; }

    /// <summary>Operator type, e.g. <c>Conv</c>.</summary>
    public string OpType { get; }

    /// <summary>Operator domain; the default ONNX domain is the empty string.</summary>
    public string Domain { get; }

    /// <summary>Input value names; an empty string marks an omitted optional input.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Output value names; an empty string marks an omitted optional output.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Attributes by name.</summary>
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; }

    /// <summary>The domain in the form reports use: <c>ai.onnx</c> folded into the empty default domain.</summary>
    public static string NormalizeDomain(string? domain) => domain is null or "ai.onnx" ? string.Empty : domain;

    /// <summary>Subgraphs held by GRAPH and GRAPHS attributes (If branches, Loop and Scan bodies).</summary>
    public IEnumerable<Graph> Subgraphs => Attributes.Values.SelectMany(a => a.Graph is not null ? [a.Graph] : a.Graphs ?? []);

    /// <inheritdoc />
    public override string ToString() => $"{OpType} '{Name}'";
}
