namespace FlopScope.Memory;

/// <summary>Bytes one node moves in one forward pass: activations and weights read, outputs written.</summary>
/// <param name="ActivationBytesRead">Bytes of computed inputs read.</param>
/// <param name="WeightBytesRead">Bytes of stored tensors (weights, constants) read.</param>
/// <param name="BytesWritten">Bytes of outputs written.</param>
public readonly record struct NodeTraffic(long ActivationBytesRead, long WeightBytesRead, long BytesWritten)
{
    /// <summary>All bytes read.</summary>
    public long BytesRead => ActivationBytesRead + WeightBytesRead;

    /// <summary>Bytes read and written.</summary>
    public long TotalBytes => BytesRead + BytesWritten;
}
