namespace FlopScope.Kernels;

/// <summary>
/// A fusion rule of a runtime: a node whose op is in <see cref="Anchor"/> starts a kernel, then each step of
/// <see cref="Steps"/>, in order and each optional, absorbs the sole consumer of the kernel's output when it matches.
/// A tensor passed inside a kernel must have no other consumer and must not be a graph output, so fusing never
/// duplicates work. Rules are tried in table order; the first that absorbs something wins.
/// </summary>
public sealed record FusionRule
{
    /// <summary>Short id, e.g. <c>conv-bias-activation</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Ops (or <c>@pattern</c> ids) that start the kernel.</summary>
    public required IReadOnlyList<string> Anchor { get; init; }

    /// <summary>Epilogue steps in order.</summary>
    public IReadOnlyList<FusionStep> Steps { get; init; } = [];

    /// <summary>Copy-free Reshape kernels the runtime adds around the fused kernel when its first input has rank
    /// above 2 (ONNX Runtime runs MatMul + bias on a 3-D input as Reshape, Gemm, Reshape).</summary>
    public int InsertedViews { get; init; }

    /// <summary>What an op anchor's operands besides its first computed input must be (a bias Add: a constant);
    /// <see cref="StepOperand.Any"/> by default.</summary>
    public StepOperand AnchorOperand { get; init; }

    /// <summary>When set, the rule applies only if the anchor's data input has a static shape or a rank of at most this
    /// (ONNX Runtime's MatMulAddFusion reshapes a 3-D input to 2-D and back, which needs its sizes when the session is
    /// built). Null: the rule does not depend on shapes.</summary>
    public int? StaticShapeAboveRank { get; init; }

    /// <summary>Absorbed activations the fused kernel applies in a second pass over the output it has just written,
    /// within the same launch (ONNX Runtime's MLAS convolutions apply every fused activation but Relu row by row after
    /// the convolution, onnxruntime/core/mlas/lib/snchwc.cpp "fused non-ReLU activation"). The pass reads and writes the
    /// activation's output once more (<see cref="Kernel.PassBytes"/>). Empty: an absorbed activation costs only its
    /// arithmetic inside the kernel.</summary>
    public IReadOnlyList<string> PassActivations { get; init; } = [];

    /// <summary>Where the rule comes from (documentation or source file of the runtime).</summary>
    public required string Source { get; init; }
}
