namespace FlopScope.Llm.Sources.Safetensors;

/// <summary>One tensor of a safetensors header.</summary>
/// <param name="Name">Name as the framework saved it (<c>model.layers.0.self_attn.q_proj.weight</c>).</param>
/// <param name="Dtype">Safetensors dtype (<c>BF16</c>, <c>F32</c>, <c>F8_E4M3</c>...).</param>
/// <param name="Shape">Dimensions.</param>
/// <param name="Elements">Product of the dimensions.</param>
/// <param name="Bytes">Stored bytes.</param>
public sealed record SafetensorsTensor(string Name, string Dtype, IReadOnlyList<long> Shape, long Elements, long Bytes);
