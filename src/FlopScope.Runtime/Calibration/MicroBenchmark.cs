using FlopScope.Graph;

namespace FlopScope.Runtime.Calibration;

/// <summary>
/// One calibration probe: a small ONNX graph FlopScope builds itself, fed one fp32 input <c>x</c>, whose run time tells
/// how fast ONNX Runtime runs one kernel class at one size on this machine.
/// </summary>
/// <param name="Id">Short id, e.g. <c>conv_3x3_64c_56</c>.</param>
/// <param name="KernelClass">The kernel class it exercises (JSON id: conv, depthwise_conv, gemm, attention,
/// elementwise, normalization, pooling, data_movement).</param>
/// <param name="Measures">What it measures, in words (compute- or memory-bound, small or large parallel work).</param>
/// <param name="Model">The graph.</param>
/// <param name="InputShape">Shape of the input <c>x</c>.</param>
public sealed record MicroBenchmark(string Id, string KernelClass, string Measures, Model Model, long[] InputShape);
