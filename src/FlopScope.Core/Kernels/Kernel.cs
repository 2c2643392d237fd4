using FlopScope.Hardware;

namespace FlopScope.Kernels;

/// <summary>One kernel a runtime launches: the ONNX nodes it covers and what enters and leaves it.</summary>
public sealed record Kernel
{
    /// <summary>Position in launch order (0-based).</summary>
    public required int Id { get; init; }

    /// <summary>Runtime id.</summary>
    public required string Runtime { get; init; }

    /// <summary>Kernel class.</summary>
    public required KernelClass Class { get; init; }

    /// <summary>The fusion rule that formed it (<c>single</c> for one node on its own, <c>view</c> for a copy-free view
    /// kernel, <c>layout</c> for a reorder the runtime inserts).</summary>
    public required string Rule { get; init; }

    /// <summary>Op types of the covered nodes joined by <c>+</c>, or the inserted kernel's op.</summary>
    public required string Op { get; init; }

    /// <summary>Layer indices of the ONNX nodes it covers, in execution order (empty for an inserted kernel).</summary>
    public required IReadOnlyList<int> Nodes { get; init; }

    /// <summary>Names of the covered nodes.</summary>
    public required IReadOnlyList<string> NodeNames { get; init; }

    /// <summary>The layer whose per-layer figures carry this kernel's time (its first node, or for an inserted kernel
    /// the first node it feeds).</summary>
    public required int Layer { get; init; }

    /// <summary>All arithmetic of the covered nodes; for a kernel on a blocked layout, as it runs on channels padded up
    /// to whole blocks (<see cref="NchwcLayout"/>), as are its bytes and output elements.</summary>
    public required long Flops { get; init; }

    /// <summary>Bytes of the distinct tensors entering the kernel (activations and weights).</summary>
    public required long BytesRead { get; init; }

    /// <summary>Bytes of stored weights (initializers and folded constants) among <see cref="BytesRead"/>: read from
    /// wherever the model's weights live between inferences, not from the previous kernel's output.</summary>
    public long WeightBytes { get; init; }

    /// <summary>Bytes of the tensors leaving it (read by another kernel or graph outputs).</summary>
    public required long BytesWritten { get; init; }

    /// <summary>Bytes the second pass of a fused activation reads and writes over the kernel's output
    /// (<see cref="FusionRule.PassActivations"/>: twice the activation's output); 0 when the kernel has none. Timed
    /// at the elementwise class's memory efficiency from cache, the rows having just been written.</summary>
    public long PassBytes { get; init; }

    /// <summary>Output elements written.</summary>
    public required long OutputElements { get; init; }

    /// <summary>Multiply-accumulates per output element of the kernel's matrix product (a convolution: input channels
    /// per group x kernel area; a GEMM: the inner dimension); 0 for a kernel without one. Shallow products spend a larger
    /// share of their time on each output's accumulators and epilogue (<see cref="Utilisation.Reduction"/>).</summary>
    public long ReductionDepth { get; init; }

    /// <summary>Independent work items (output tiles of the runtime's tile size for the class).</summary>
    public required long ParallelWork { get; init; }

    /// <summary>Precision the kernel computes at when it differs from the model's (an FP16 kernel of an INT8 engine,
    /// docs/estimator.md "INT8 engines"); null = the precision the model is judged at.</summary>
    public Precision? Precision { get; init; }

    /// <summary>False when a covered node's cost is unknown.</summary>
    public bool Counted { get; init; } = true;

    /// <summary>Bytes read and written.</summary>
    public long TotalBytes => BytesRead + BytesWritten;
}
