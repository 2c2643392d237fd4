namespace FlopScope.Operators.Elementwise;

/// <summary>
/// A binary function evaluated on known values: exactly on integers (shape arithmetic needs int64 results that doubles
/// cannot hold, and ONNX's integer Div truncates) and in doubles on floating-point tensors.
/// </summary>
/// <param name="Float">Floating-point evaluation.</param>
/// <param name="Integer">Exact integer evaluation.</param>
public sealed record BinaryFunction(Func<double, double, double> Float, Func<long, long, long> Integer);
