namespace FlopScope.Kernels.Runtimes;

/// <summary>Class efficiencies and parallel-work tiles shared by the built-in runtimes (reasoning and sources in
/// docs/estimator.md, "Kernel classes" and "Utilisation").</summary>
internal static class RuntimeDefaults
{
    /// <summary>Efficiency of each class relative to the device-level figures, which describe dense conv and GEMM.</summary>
    public static IReadOnlyDictionary<KernelClass, ClassEfficiency> Classes { get; } = new Dictionary<KernelClass, ClassEfficiency>
    {
        [KernelClass.Conv] = new(1.0, 1.0),
        [KernelClass.Gemm] = new(1.0, 1.0),
        [KernelClass.DepthwiseConv] = new(0.2, 0.7),
        [KernelClass.Attention] = new(0.8, 1.0),
        [KernelClass.Elementwise] = new(0.5, 1.0),
        [KernelClass.Normalization] = new(0.25, 0.8),
        [KernelClass.Pooling] = new(0.25, 0.9),
        [KernelClass.DataMovement] = new(1.0, 0.6),

        // One element per step with index arithmetic, not streaming: ONNX Runtime 1.31's element-wise Transpose moved
        // 0.86 GB/s (read + write) on a 2-core Xeon whose streaming Add reached 24.5 GB/s, 0.035 of it; relative to the
        // catalogue's device-level CPU memory efficiency (0.6), 0.06 (docs/estimator.md, "Strided transposes").
        [KernelClass.StridedCopy] = new(1.0, 0.06),

        // Per group an im2col copy and a one-row GEMM: a 58-channel 3x3 depthwise conv at 28x28 ran at 9 GFLOP/s where
        // the 64-channel blocked one ran at 53 (ONNX Runtime 1.31, same machine): 1/6 of the depthwise default
        // (docs/estimator.md, "Unblocked grouped convolutions").
        [KernelClass.GroupedIm2Col] = new(0.2 / 6, 0.7),
    };

    /// <summary>GPU: a 64x64 output tile per thread block for conv and GEMM; 8192 elements (2048 resident threads x 4)
    /// fill one SM for bandwidth-bound kernels.</summary>
    public static IReadOnlyDictionary<KernelClass, long> GpuTiles { get; } = new Dictionary<KernelClass, long>
    {
        [KernelClass.Conv] = 4096,
        [KernelClass.DepthwiseConv] = 4096,
        [KernelClass.Gemm] = 4096,
        [KernelClass.Attention] = 8192,
        [KernelClass.Elementwise] = 8192,
        [KernelClass.Normalization] = 8192,
        [KernelClass.Pooling] = 8192,
        [KernelClass.DataMovement] = 8192,
        [KernelClass.StridedCopy] = 8192,
        [KernelClass.GroupedIm2Col] = 4096,
    };

    /// <summary>CPU: output elements one thread's task needs before splitting pays (a 16x64 GEMM block; larger
    /// blocks for cheap per-element work).</summary>
    public static IReadOnlyDictionary<KernelClass, long> CpuTiles { get; } = new Dictionary<KernelClass, long>
    {
        [KernelClass.Conv] = 1024,
        [KernelClass.DepthwiseConv] = 4096,
        [KernelClass.Gemm] = 1024,
        [KernelClass.Attention] = 1024,
        [KernelClass.Elementwise] = 16384,
        [KernelClass.Normalization] = 4096,
        [KernelClass.Pooling] = 4096,
        [KernelClass.DataMovement] = 16384,
        [KernelClass.StridedCopy] = 16384,
        [KernelClass.GroupedIm2Col] = 4096,
    };
}
