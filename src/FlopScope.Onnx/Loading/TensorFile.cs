using FlopScope.Errors;
using FlopScope.Graph;

namespace FlopScope.Onnx.Loading;

/// <summary>Reads a serialized TensorProto file (<c>.pb</c>, as in ONNX test data sets): name, type and dimensions,
/// plus values when the tensor is small.</summary>
public static class TensorFile
{
    /// <summary>Reads the descriptor of the tensor stored in <paramref name="path"/>.</summary>
    public static TensorDescriptor Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"File not found: '{path}'.");
        }

        return new OnnxProtoParser(Path.GetDirectoryName(Path.GetFullPath(path))).ParseTensor(File.ReadAllBytes(path));
    }
}
