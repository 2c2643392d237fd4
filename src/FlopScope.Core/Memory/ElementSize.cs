using FlopScope.Graph;
using FlopScope.Hardware;

namespace FlopScope.Memory;

/// <summary>Storage size of tensors when a model is judged at a chosen precision: floating-point tensors take the
/// precision's width, integer tensors (indices, shapes, quantized or packed weights) keep their own.</summary>
public static class ElementSize
{
    /// <summary>Bytes of <paramref name="elements"/> elements of <paramref name="type"/> at <paramref name="precision"/>
    /// (null: the model's own types).</summary>
    public static long Bytes(DataType type, long elements, Precision? precision)
    {
        if (precision is { } p && type.IsFloating())
        {
            return checked(elements * Width(p));
        }

        return type.BytesFor(elements);
    }

    /// <summary>Bytes per element of a precision.</summary>
    public static int Width(Precision precision) => precision switch
    {
        Precision.Fp32 => 4,
        Precision.Fp16 or Precision.Bf16 => 2,
        _ => 1,
    };

    /// <summary>Short name: fp32, fp16, bf16, int8.</summary>
    public static string Name(Precision precision) => precision.ToString().ToLowerInvariant();

    /// <summary>Parses fp32, fp16, bf16 or int8.</summary>
    public static bool TryParse(string text, out Precision precision) =>
        Enum.TryParse(text, ignoreCase: true, out precision) && Enum.IsDefined(precision);
}
