namespace FlopScope.Kernels;

/// <summary>What kind of work a kernel does: each class has its own compute and memory efficiency per device and
/// runtime (docs/estimator.md, "Kernel classes").</summary>
public enum KernelClass
{
    /// <summary>Dense convolution (group 1): JSON id <c>conv</c>.</summary>
    Conv,

    /// <summary>Depthwise or grouped convolution: <c>depthwise_conv</c>.</summary>
    DepthwiseConv,

    /// <summary>Matrix product (MatMul, Gemm): <c>gemm</c>.</summary>
    Gemm,

    /// <summary>Fused attention (QK^T, softmax, xV in one kernel): <c>attention</c>.</summary>
    Attention,

    /// <summary>Elementwise arithmetic and activations: <c>elementwise</c>.</summary>
    Elementwise,

    /// <summary>Reductions, normalizations and softmax: <c>normalization</c>.</summary>
    Normalization,

    /// <summary>Pooling: <c>pooling</c>.</summary>
    Pooling,

    /// <summary>Copies and layout changes (transpose, concat, split, slice, gather, resize, pad, reorder): <c>data_movement</c>.</summary>
    DataMovement,

    /// <summary>Copies that visit elements one at a time in a non-contiguous order (ONNX Runtime's element-by-element
    /// transpose path): <c>strided_copy</c>.</summary>
    StridedCopy,

    /// <summary>Grouped or depthwise convolution on a runtime's generic path, one im2col and one small GEMM per group
    /// (ONNX Runtime's CPU provider when the channels do not fit its NCHWc blocks): <c>grouped_im2col</c>.</summary>
    GroupedIm2Col,
}
