namespace FlopScope.Memory;

/// <summary>Memory figures of a model for one forward pass at the report's input shapes and precision.</summary>
/// <param name="Precision">fp32/fp16/bf16/int8 when the model is judged at that precision; "model" for its own types.</param>
/// <param name="WeightBytes">Bytes of the parameters at that precision (integer and packed weights keep their size).</param>
/// <param name="PeakActivationBytes">Peak bytes of live activations (graph inputs included) over a topological
/// order where every tensor is freed after its last consumer and views share their input's buffer.</param>
/// <param name="BytesRead">Bytes all nodes read (activations + weights).</param>
/// <param name="BytesWritten">Bytes all nodes write.</param>
public sealed record MemoryProfile(string Precision, long WeightBytes, long PeakActivationBytes, long BytesRead, long BytesWritten)
{
    /// <summary>Weights plus peak activations: what inference needs resident.</summary>
    public long TotalBytes => WeightBytes + PeakActivationBytes;
}
