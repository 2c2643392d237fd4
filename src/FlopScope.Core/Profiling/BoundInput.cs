using FlopScope.Graph;

namespace FlopScope.Profiling;

/// <summary>A graph input with the shape it was profiled at.</summary>
/// <param name="Name">Input name.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Shape">Shape used.</param>
/// <param name="DeclaredShape">Shape as the model declares it (symbols included), for reports.</param>
/// <param name="ImageSizeDefaulted">True when a dynamic H or W took the default <see cref="InputBinder.DefaultImageSize"/>
/// because no --imgsz, --dim or --input set it: reports flag it.</param>
public sealed record BoundInput(string Name, DataType DataType, TensorShape Shape, string DeclaredShape, bool ImageSizeDefaulted = false)
{
    /// <summary>Axes the model declares without a fixed size (a symbol such as <c>batch</c>, or nothing). A runtime that
    /// builds its session from the declared shapes (ONNX Runtime without free-dimension overrides) cannot fold shape
    /// computations on them, whatever size they were bound to here.</summary>
    public IReadOnlyList<int> SymbolicAxes { get; init; } = [];
}
