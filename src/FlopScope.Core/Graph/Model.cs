namespace FlopScope.Graph;

/// <summary>A loaded model: its main graph plus the metadata that shape inference and reports need.</summary>
public sealed class Model
{
    /// <summary>Creates a model.</summary>
    public Model(Graph graph, IReadOnlyDictionary<string, long> opsets, long irVersion = 8, string producerName = "",
        string producerVersion = "", IReadOnlyList<LocalFunction>? functions = null, string? name = null)
    {
        Graph = graph;
        Opsets = opsets.ToDictionary(kv => Node.NormalizeDomain(kv.Key), kv => kv.Value);
        IrVersion = irVersion;
        ProducerName = producerName;
        ProducerVersion = producerVersion;
        Functions = functions ?? [];
        Name = name ?? (graph.Name.Length > 0 ? graph.Name : "model");
    }

    /// <summary>The main graph.</summary>
    public Graph Graph { get; }

    /// <summary>Imported opset version per domain (default domain is the empty string).</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; }

    /// <summary>ONNX IR version.</summary>
    public long IrVersion { get; }

    /// <summary>Exporter name, e.g. <c>pytorch</c>.</summary>
    public string ProducerName { get; }

    /// <summary>Exporter version.</summary>
    public string ProducerVersion { get; }

    /// <summary>Model-local functions (IR 8+), expanded in place of the nodes that call them.</summary>
    public IReadOnlyList<LocalFunction> Functions { get; }

    /// <summary>Display name used in summaries (the file name without extension when loaded from a file).</summary>
    public string Name { get; }

    /// <summary>Groups of main-graph initializers whose stored bytes are identical (a tied embedding stored twice), found
    /// when the model was read from bytes: only tensors of the same type and shape are compared, and tensors filled with
    /// one repeated value (zero biases, unit scales) are left out, being equal by initialization rather than shared.
    /// Null when the payloads were not available to compare (a model built in memory) or the loader was asked not to
    /// compare them (outputs that report stored parameters only), in which case no weight byte was read.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? IdenticalTensors { get; init; }

    /// <summary>Opset version of the default ONNX domain (the highest known when not imported).</summary>
    public long DefaultOpset => Opsets.TryGetValue(string.Empty, out var v) ? v : 23;
}
