namespace FlopScope.Training;

/// <summary>Estimated time of one training step on one device under one runtime: forward + backward + optimizer
/// update (docs/estimator.md, "Training step time"). An estimate, not a measurement.</summary>
public sealed record TrainingStepTime
{
    /// <summary>Forward pass: the inference estimate's kernels.</summary>
    public required double ForwardSeconds { get; init; }

    /// <summary>Backward pass: per forward kernel, the backward FLOPs and twice its traffic at the same class
    /// efficiencies, plus one overhead per backward kernel.</summary>
    public required double BackwardSeconds { get; init; }

    /// <summary>Optimizer update: one fused elementwise pass over parameters, gradients and optimizer state.</summary>
    public required double OptimizerSeconds { get; init; }

    /// <summary>The whole step.</summary>
    public double Seconds => ForwardSeconds + BackwardSeconds + OptimizerSeconds;

    /// <summary>The whole step in milliseconds.</summary>
    public double Milliseconds => Seconds * 1e3;
}
