namespace FlopScope.Graph;

/// <summary>Kinds of node attribute; values are those of <c>AttributeProto.AttributeType</c>.</summary>
public enum AttributeKind
{
    /// <summary>ONNX attribute kind Undefined (0).</summary>
    Undefined = 0,
    /// <summary>ONNX attribute kind Float (1).</summary>
    Float = 1,
    /// <summary>ONNX attribute kind Int (2).</summary>
    Int = 2,
    /// <summary>ONNX attribute kind String (3).</summary>
    String = 3,
    /// <summary>ONNX attribute kind Tensor (4).</summary>
    Tensor = 4,
    /// <summary>ONNX attribute kind Graph (5).</summary>
    Graph = 5,
    /// <summary>ONNX attribute kind Floats (6).</summary>
    Floats = 6,
    /// <summary>ONNX attribute kind Ints (7).</summary>
    Ints = 7,
    /// <summary>ONNX attribute kind Strings (8).</summary>
    Strings = 8,
    /// <summary>ONNX attribute kind Tensors (9).</summary>
    Tensors = 9,
    /// <summary>ONNX attribute kind Graphs (10).</summary>
    Graphs = 10,
    /// <summary>ONNX attribute kind SparseTensor (11).</summary>
    SparseTensor = 11,
    /// <summary>ONNX attribute kind SparseTensors (12).</summary>
    SparseTensors = 12,
    /// <summary>ONNX attribute kind TypeProto (13).</summary>
    TypeProto = 13,
    /// <summary>ONNX attribute kind TypeProtos (14).</summary>
    TypeProtos = 14,
}
