namespace FlopScope.Kernels;

/// <summary>
/// Per-call reorders of a runtime that hands plain tensors to a library with its own layouts: PyTorch eager on a CPU
/// passes NCHW activations and OIHW weights to oneDNN on every convolution call, and oneDNN's kernels want a blocked
/// (x86: nChw8c/nChw16c) or channels-last layout with prepacked weights (AArch64: Arm Compute Library's NHWC and
/// fixed-format weights), so each call reorders the input, the weights and the output (docs/estimator.md, "PyTorch
/// eager on CPUs: per-call reorders"). Kernels of <see cref="Classes"/> that take that path get three
/// <c>data_movement</c> kernels, each reading and writing its tensor: ReorderSrc and ReorderWeights before, ReorderDst
/// after. Nothing in it is a fitted constant: the bytes are the tensors', the threshold is PyTorch's own.
/// </summary>
public sealed record CallReorderRule
{
    /// <summary>Kernel classes whose calls reorder (convolutions).</summary>
    public required IReadOnlySet<KernelClass> Classes { get; init; }

    /// <summary>A batch-1, ungrouped convolution whose kernel is not larger than 3 in both directions (3x3, 1x7 and 7x1
    /// do; 5x5 does not) takes PyTorch's native path (no oneDNN,
    /// no reorders) when its input has at most this many elements (<c>ConvParams::use_mkldnn</c> in
    /// aten/src/ATen/native/Convolution.cpp: "for some case, native is faster"). Its other condition (a kernel other
    /// than 1x1, a stride, a batch of 16 or more, or more than one thread) holds on any multi-core CPU at PyTorch's
    /// default thread count, so it is not checked.</summary>
    public long NativeMaxInputElements { get; init; } = 20480;

    /// <summary>Where the rule comes from.</summary>
    public required string Source { get; init; }
}
