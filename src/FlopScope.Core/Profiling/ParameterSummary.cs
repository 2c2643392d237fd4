namespace FlopScope.Profiling;

/// <summary>Stored tensors counted as parameters.</summary>
/// <param name="Total">Elements of every stored numeric tensor that feeds the graph as data (shared tensors once).</param>
/// <param name="Trainable">The learnable part ("gradients" in Ultralytics' summary).</param>
/// <param name="BytesByType">Stored bytes per element type (fp32, fp16, int8, int4 packed, ...).</param>
public sealed record ParameterSummary(long Total, long Trainable, IReadOnlyDictionary<string, long> BytesByType)
{
    /// <summary>All parameter bytes.</summary>
    public long Bytes => BytesByType.Values.Sum();
}
