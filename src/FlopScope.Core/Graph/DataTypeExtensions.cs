namespace FlopScope.Graph;

/// <summary>Sizes and names of <see cref="DataType"/> values.</summary>
public static class DataTypeExtensions
{
    /// <summary>Storage bits of one element (4 for packed int4/uint4/float4, 0 when unknown or variable).</summary>
    public static int BitsPerElement(this DataType type) => type switch
    {
        DataType.Float or DataType.Int32 or DataType.UInt32 => 32,
        DataType.Double or DataType.Int64 or DataType.UInt64 or DataType.Complex64 => 64,
        DataType.Complex128 => 128,
        DataType.Float16 or DataType.BFloat16 or DataType.Int16 or DataType.UInt16 => 16,
        DataType.Int8 or DataType.UInt8 or DataType.Bool or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ
            or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ or DataType.Float8E8M0 => 8,
        DataType.Int4 or DataType.UInt4 or DataType.Float4E2M1 => 4,
        _ => 0,
    };

    /// <summary>Bytes needed to store <paramref name="elements"/> elements, packed types rounded up.</summary>
    public static long BytesFor(this DataType type, long elements) => checked((elements * type.BitsPerElement() + 7) / 8);

    /// <summary>True for integer and boolean types, whose small values shape inference propagates.</summary>
    public static bool IsIntegral(this DataType type) => type is DataType.Int8 or DataType.UInt8 or DataType.Int16
        or DataType.UInt16 or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64 or DataType.Bool
        or DataType.Int4 or DataType.UInt4;

    /// <summary>True for floating-point types of any width.</summary>
    public static bool IsFloating(this DataType type) => type is DataType.Float or DataType.Double or DataType.Float16
        or DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2
        or DataType.Float8E5M2FNUZ or DataType.Float4E2M1 or DataType.Float8E8M0;

    /// <summary>Short name used in reports: fp32, fp16, bf16, int8, int4, ...</summary>
    public static string ShortName(this DataType type) => type switch
    {
        DataType.Float => "fp32",
        DataType.Double => "fp64",
        DataType.Float16 => "fp16",
        DataType.BFloat16 => "bf16",
        DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ => "fp8e4m3",
        DataType.Float8E5M2 or DataType.Float8E5M2FNUZ => "fp8e5m2",
        DataType.Float8E8M0 => "fp8e8m0",
        DataType.Float4E2M1 => "fp4",
        DataType.Int8 => "int8",
        DataType.UInt8 => "uint8",
        DataType.Int16 => "int16",
        DataType.UInt16 => "uint16",
        DataType.Int32 => "int32",
        DataType.UInt32 => "uint32",
        DataType.Int64 => "int64",
        DataType.UInt64 => "uint64",
        DataType.Int4 => "int4",
        DataType.UInt4 => "uint4",
        DataType.Bool => "bool",
        DataType.String => "string",
        DataType.Complex64 => "complex64",
        DataType.Complex128 => "complex128",
        _ => "undefined",
    };
}
