using FlopScope.Llm.Quantization;

namespace FlopScope.Llm.Sources.Gguf;

/// <summary>One entry of a GGUF tensor table: name, dimensions (ne0 innermost: a PyTorch [out, in] weight is
/// [in, out] here), type and data offset.</summary>
/// <param name="Name">Tensor name (<c>blk.0.attn_q.weight</c>).</param>
/// <param name="Dims">Dimensions, innermost first.</param>
/// <param name="Format">Storage type.</param>
/// <param name="Offset">Offset of the data from the start of the data section.</param>
/// <param name="Elements">Product of <paramref name="Dims"/>.</param>
/// <param name="Bytes">Stored bytes: whole blocks per row.</param>
public sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dims, StorageFormat Format, long Offset, long Elements, long Bytes);
