namespace FlopScope.Profiling;

/// <summary>Stored tensors counted as parameters.</summary>
/// <param name="Total">Elements of every stored numeric tensor that feeds the graph as data (shared tensors once): the
/// stored parameters.</param>
/// <param name="Trainable">The learnable part ("gradients" in Ultralytics' summary).</param>
/// <param name="BytesByType">Stored bytes per element type (fp32, fp16, int8, int4 packed, ...).</param>
public sealed record ParameterSummary(long Total, long Trainable, IReadOnlyDictionary<string, long> BytesByType)
{
    /// <summary>All parameter bytes.</summary>
    public long Bytes => BytesByType.Values.Sum();

    /// <summary>Parameter tensors stored more than once with identical bytes (a tied embedding exported twice).</summary>
    public IReadOnlyList<TiedTensors> Tied { get; init; } = [];

    /// <summary>True when the stored bytes were compared to find <see cref="Tied"/> tensors (false for a model built in
    /// memory, whose payloads are not available, and for one loaded without the search, e.g. ONNX's
    /// <c>OnnxModel.Load(path, findTiedTensors: false)</c>: then <see cref="Unique"/> equals <see cref="Total"/>).</summary>
    public bool DuplicatesChecked { get; init; }

    /// <summary>Unique parameters: <see cref="Total"/> with each tied tensor counted once, the figure a framework
    /// reports for a model with tied weights (gpt2's 124.4 M rather than the 162.9 M its export stores).</summary>
    public long Unique => Total - Tied.Sum(t => t.Duplicates);
}

/// <summary>Stored tensors with identical bytes, same type and shape: one parameter tensor stored several times.</summary>
/// <param name="Names">The stored tensors' names, in graph order.</param>
/// <param name="Elements">Elements of each.</param>
public sealed record TiedTensors(IReadOnlyList<string> Names, long Elements)
{
    /// <summary>Elements stored beyond the first copy.</summary>
    public long Duplicates => (Names.Count - 1) * Elements;

    /// <summary>The names joined by " = ".</summary>
    public override string ToString() => string.Join(" = ", Names);
}
