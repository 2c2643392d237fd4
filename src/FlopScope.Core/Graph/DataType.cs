namespace FlopScope.Graph;

/// <summary>Element types of ONNX tensors; the values are those of <c>TensorProto.DataType</c>.</summary>
public enum DataType
{
    /// <summary>Not known (no type information in the model).</summary>
    Undefined = 0,
    /// <summary>ONNX element type Float (1).</summary>
    Float = 1,
    /// <summary>ONNX element type UInt8 (2).</summary>
    UInt8 = 2,
    /// <summary>ONNX element type Int8 (3).</summary>
    Int8 = 3,
    /// <summary>ONNX element type UInt16 (4).</summary>
    UInt16 = 4,
    /// <summary>ONNX element type Int16 (5).</summary>
    Int16 = 5,
    /// <summary>ONNX element type Int32 (6).</summary>
    Int32 = 6,
    /// <summary>ONNX element type Int64 (7).</summary>
    Int64 = 7,
    /// <summary>ONNX element type String (8).</summary>
    String = 8,
    /// <summary>ONNX element type Bool (9).</summary>
    Bool = 9,
    /// <summary>ONNX element type Float16 (10).</summary>
    Float16 = 10,
    /// <summary>ONNX element type Double (11).</summary>
    Double = 11,
    /// <summary>ONNX element type UInt32 (12).</summary>
    UInt32 = 12,
    /// <summary>ONNX element type UInt64 (13).</summary>
    UInt64 = 13,
    /// <summary>ONNX element type Complex64 (14).</summary>
    Complex64 = 14,
    /// <summary>ONNX element type Complex128 (15).</summary>
    Complex128 = 15,
    /// <summary>ONNX element type BFloat16 (16).</summary>
    BFloat16 = 16,
    /// <summary>ONNX element type Float8E4M3FN (17).</summary>
    Float8E4M3FN = 17,
    /// <summary>ONNX element type Float8E4M3FNUZ (18).</summary>
    Float8E4M3FNUZ = 18,
    /// <summary>ONNX element type Float8E5M2 (19).</summary>
    Float8E5M2 = 19,
    /// <summary>ONNX element type Float8E5M2FNUZ (20).</summary>
    Float8E5M2FNUZ = 20,
    /// <summary>ONNX element type UInt4 (21).</summary>
    UInt4 = 21,
    /// <summary>ONNX element type Int4 (22).</summary>
    Int4 = 22,
    /// <summary>ONNX element type Float4E2M1 (23).</summary>
    Float4E2M1 = 23,
    /// <summary>ONNX element type Float8E8M0 (24).</summary>
    Float8E8M0 = 24,
}
