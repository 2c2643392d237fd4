namespace FlopScope.Graph;

/// <summary>A declared graph input, output or intermediate value: name, element type and (possibly symbolic) shape.</summary>
/// <param name="Name">Value name.</param>
/// <param name="DataType">Element type, <see cref="DataType.Undefined"/> when not declared.</param>
/// <param name="Shape">Declared shape, or null when the rank is not declared (or the value is not a tensor).</param>
public sealed record ValueInfo(string Name, DataType DataType, TensorShape? Shape);
