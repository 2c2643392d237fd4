namespace FlopScope.Llm.Quantization;

/// <summary>
/// How tensor elements are stored: blocks of <see cref="BlockElements"/> elements taking <see cref="BlockBytes"/> bytes
/// (1 and 2 for fp16; 256 and 144 for llama.cpp's Q4_K). Byte counts round up to whole blocks, as files store them.
/// </summary>
/// <param name="Name">Lower-case id: <c>f16</c>, <c>q4_k</c>, <c>fp8</c>.</param>
/// <param name="BlockElements">Elements per block.</param>
/// <param name="BlockBytes">Bytes per block.</param>
public sealed record StorageFormat(string Name, int BlockElements, int BlockBytes)
{
    /// <summary>32-bit float.</summary>
    public static readonly StorageFormat F32 = new("f32", 1, 4);

    /// <summary>16-bit float.</summary>
    public static readonly StorageFormat F16 = new("f16", 1, 2);

    /// <summary>bfloat16.</summary>
    public static readonly StorageFormat Bf16 = new("bf16", 1, 2);

    /// <summary>8-bit float (E4M3/E5M2), per-tensor scale.</summary>
    public static readonly StorageFormat Fp8 = new("fp8", 1, 1);

    /// <summary>8-bit integer with per-channel scales (negligible).</summary>
    public static readonly StorageFormat Int8 = new("int8", 1, 1);

    /// <summary>4-bit integer in blocks of 32 with one fp16 scale (ONNX MatMulNBits, GPTQ/AWQ group 32 without zero points).</summary>
    public static readonly StorageFormat Int4 = new("int4", 32, 18);

    /// <summary>Bits per element.</summary>
    public double BitsPerElement => 8.0 * BlockBytes / BlockElements;

    /// <summary>True for formats below 16 bits (integer, 8-bit float or block-quantized).</summary>
    public bool IsQuantized => BitsPerElement < 16;

    /// <summary>Bytes of <paramref name="elements"/> elements, whole blocks.</summary>
    public long Bytes(long elements) => checked(((elements + BlockElements - 1) / BlockElements) * BlockBytes);

    /// <summary>Bytes of <paramref name="elements"/> elements as a fraction of blocks (for per-token cache sizes).</summary>
    public double BytesExact(double elements) => elements * BlockBytes / BlockElements;
}
