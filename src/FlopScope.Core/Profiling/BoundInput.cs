using FlopScope.Graph;

namespace FlopScope.Profiling;

/// <summary>A graph input with the shape it was profiled at.</summary>
/// <param name="Name">Input name.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Shape">Shape used.</param>
/// <param name="DeclaredShape">Shape as the model declares it (symbols included), for reports.</param>
public sealed record BoundInput(string Name, DataType DataType, TensorShape Shape, string DeclaredShape);
