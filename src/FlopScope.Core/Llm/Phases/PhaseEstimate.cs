using FlopScope.Hardware;

namespace FlopScope.Llm.Phases;

/// <summary>
/// One forward step of a decoder on a device (roofline: max(compute, memory) + per-kernel overhead): the prompt's
/// prefill, or the decode of one token per sequence. An estimate, not a measurement.
/// </summary>
public sealed record PhaseEstimate
{
    /// <summary><c>prefill</c> or <c>decode</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>Runtime whose kernel-class efficiencies and overhead timed the step (<c>ort-cuda</c>).</summary>
    public string Runtime { get; init; } = string.Empty;

    /// <summary>New tokens per sequence (the prompt, or 1).</summary>
    public required long NewTokens { get; init; }

    /// <summary>Tokens already cached per sequence before the step.</summary>
    public required long Past { get; init; }

    /// <summary>Concurrent sequences.</summary>
    public required long Batch { get; init; }

    /// <summary>Matrix-product FLOPs (2 x MACs) of the step.</summary>
    public required long Flops { get; init; }

    /// <summary>Weight bytes read: dense weights once, the expected routed experts, embedding rows.</summary>
    public required double WeightBytes { get; init; }

    /// <summary>KV cache bytes read by attention.</summary>
    public required double KvReadBytes { get; init; }

    /// <summary>KV cache bytes written (the new tokens' keys and values).</summary>
    public required double KvWriteBytes { get; init; }

    /// <summary>Activation bytes in and out of the projections.</summary>
    public required double ActivationBytes { get; init; }

    /// <summary>Expected distinct routed experts per MoE layer (0 for dense models).</summary>
    public required double ExpertsTouched { get; init; }

    /// <summary>Precision compute runs at.</summary>
    public required Precision ComputePrecision { get; init; }

    /// <summary>FLOPs / attainable FLOP/s.</summary>
    public required double ComputeSeconds { get; init; }

    /// <summary>Bytes / attainable bandwidth.</summary>
    public required double MemorySeconds { get; init; }

    /// <summary>Kernels x per-kernel overhead, plus projections x parallel dispatch cost on a calibrated multi-core
    /// CPU.</summary>
    public required double OverheadSeconds { get; init; }

    /// <summary>All bytes moved.</summary>
    public double Bytes => WeightBytes + KvReadBytes + KvWriteBytes + ActivationBytes;

    /// <summary>Estimated seconds of the step: max(compute, memory) (or the device's calibrated memory overlap of
    /// the two) + overhead for a step timed as a whole, the sum
    /// over nodes for an ONNX graph timed node by node.</summary>
    public required double Seconds { get; init; }

    /// <summary>What limits the step.</summary>
    public required Bound Bound { get; init; }

    /// <summary>FLOPs per byte moved.</summary>
    public double ArithmeticIntensity => Bytes > 0 ? Flops / Bytes : 0;

    /// <summary>Tokens produced or consumed per second by the step (new tokens x batch / seconds).</summary>
    public double TokensPerSecond => Seconds > 0 ? NewTokens * Batch / Seconds : 0;
}
