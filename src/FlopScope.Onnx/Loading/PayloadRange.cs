namespace FlopScope.Onnx.Loading;

/// <summary>Where a stored tensor's bytes lie: a range of the model bytes, or of an external data file.</summary>
/// <param name="ExternalLocation">External data file relative to the model's folder (validated), or null for the model bytes.</param>
/// <param name="Offset">Byte offset of the payload.</param>
/// <param name="Length">Byte length of the payload.</param>
internal readonly record struct PayloadRange(string? ExternalLocation, long Offset, long Length);
