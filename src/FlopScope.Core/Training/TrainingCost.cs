namespace FlopScope.Training;

/// <summary>Cost of one training step (forward + backward) at the report's input shapes and precision.
/// Estimates by the rules of <see cref="TrainingEstimator"/>.</summary>
public sealed record TrainingCost
{
    /// <summary>Optimizer.</summary>
    public required Optimizer Optimizer { get; init; }

    /// <summary>Forward FLOPs (all arithmetic).</summary>
    public required long ForwardFlops { get; init; }

    /// <summary>Backward FLOPs.</summary>
    public required long BackwardFlops { get; init; }

    /// <summary>Weights at the training precision.</summary>
    public required long WeightBytes { get; init; }

    /// <summary>fp32 master copy of the weights under mixed precision (fp16/bf16), else 0.</summary>
    public required long MasterWeightBytes { get; init; }

    /// <summary>One gradient per trainable parameter at the training precision.</summary>
    public required long GradientBytes { get; init; }

    /// <summary>Optimizer state (fp32).</summary>
    public required long OptimizerStateBytes { get; init; }

    /// <summary>Activations saved for the backward pass (upper bound: every computed activation).</summary>
    public required long ActivationBytes { get; init; }

    /// <summary>Forward + backward FLOPs.</summary>
    public long TotalFlops => ForwardFlops + BackwardFlops;

    /// <summary>Everything resident during a step.</summary>
    public long TotalBytes => WeightBytes + MasterWeightBytes + GradientBytes + OptimizerStateBytes + ActivationBytes;
}
