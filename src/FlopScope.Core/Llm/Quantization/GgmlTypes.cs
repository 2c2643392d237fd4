using FlopScope.Errors;

namespace FlopScope.Llm.Quantization;

/// <summary>
/// llama.cpp's tensor types (enum ggml_type, the type id stored in a GGUF tensor table) with their block sizes:
/// elements per block and bytes per block, from the block structs of ggml/src/ggml-common.h (e.g. block_q4_K:
/// fp16 d and dmin, 12 bytes of 6-bit scales, 128 bytes of 4-bit quants = 144 bytes per 256 elements).
/// </summary>
public static class GgmlTypes
{
    private static readonly Dictionary<int, StorageFormat> ById = new()
    {
        [0] = StorageFormat.F32,
        [1] = StorageFormat.F16,
        [2] = new("q4_0", 32, 18),
        [3] = new("q4_1", 32, 20),
        [6] = new("q5_0", 32, 22),
        [7] = new("q5_1", 32, 24),
        [8] = new("q8_0", 32, 34),
        [9] = new("q8_1", 32, 36),
        [10] = new("q2_k", 256, 84),
        [11] = new("q3_k", 256, 110),
        [12] = new("q4_k", 256, 144),
        [13] = new("q5_k", 256, 176),
        [14] = new("q6_k", 256, 210),
        [15] = new("q8_k", 256, 292),
        [16] = new("iq2_xxs", 256, 66),
        [17] = new("iq2_xs", 256, 74),
        [18] = new("iq3_xxs", 256, 98),
        [19] = new("iq1_s", 256, 50),
        [20] = new("iq4_nl", 32, 18),
        [21] = new("iq3_s", 256, 110),
        [22] = new("iq2_s", 256, 82),
        [23] = new("iq4_xs", 256, 136),
        [24] = new("i8", 1, 1),
        [25] = new("i16", 1, 2),
        [26] = new("i32", 1, 4),
        [27] = new("i64", 1, 8),
        [28] = new("f64", 1, 8),
        [29] = new("iq1_m", 256, 56),
        [30] = StorageFormat.Bf16,
        // 31-33 (Q4_0_4_4, Q4_0_4_8, Q4_0_8_8) were repacked Q4_0 layouts, removed from llama.cpp; same block size.
        [31] = new("q4_0_4_4", 32, 18),
        [32] = new("q4_0_4_8", 32, 18),
        [33] = new("q4_0_8_8", 32, 18),
        [34] = new("tq1_0", 256, 54),
        [35] = new("tq2_0", 256, 66),
        [39] = new("mxfp4", 32, 17),
    };

    private static readonly Dictionary<string, StorageFormat> ByName = ById.Values.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known type id with its format.</summary>
    public static IReadOnlyDictionary<int, StorageFormat> All => ById;

    /// <summary>The format of type id <paramref name="id"/>; a one-line error for an unknown id.</summary>
    public static StorageFormat FromId(long id, string context) =>
        id is >= 0 and <= int.MaxValue && ById.TryGetValue((int)id, out var f) ? f
        : throw new FlopScopeException($"{context}: unknown ggml tensor type {id}.");

    /// <summary>The format called <paramref name="name"/> (<c>q4_k</c>), or null.</summary>
    public static StorageFormat? FromName(string name) => ByName.GetValueOrDefault(name);
}
