using FlopScope.Hardware;
using FlopScope.Memory;
using FlopScope.Profiling;

namespace FlopScope.Training;

/// <summary>
/// Training-step cost from a forward profile. Rules (docs/estimator.md):
/// <list type="bullet">
/// <item>MAC ops: backward = 2 x forward products (dX and dW); exact for Conv/Gemm/MatMul with a weight, an upper bound
/// where an input needs no gradient (the first layer's dX).</item>
/// <item>Normalizations and softmax: backward = 2 x their forward FLOPs (estimate).</item>
/// <item>Other elementwise ops: backward = 1 x forward FLOPs (derivative and chain-rule multiply; estimate).</item>
/// <item>Saved activations: every computed (non-view) activation at the precision (upper bound).</item>
/// <item>Gradients at the training precision; fp32 master weights under fp16/bf16; SGD momentum 1, Adam/AdamW 2 fp32
/// buffers per trainable parameter.</item>
/// </list>
/// </summary>
public static class TrainingEstimator
{
    private static readonly HashSet<string> NormalizationOps =
    [
        "Softmax", "LogSoftmax", "LayerNormalization", "BatchNormalization", "InstanceNormalization", "GroupNormalization",
        "RMSNormalization", "SimplifiedLayerNormalization", "com.microsoft.SkipLayerNormalization",
        "com.microsoft.SkipSimplifiedLayerNormalization", "com.microsoft.SimplifiedLayerNormalization", "LpNormalization",
        "MeanVarianceNormalization",
    ];

    /// <summary>Backward FLOPs of one layer: 2 x its products (dX and dW), 2 x normalization FLOPs, 1 x other FLOPs.</summary>
    public static long BackwardFlops(LayerProfile layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var other = NormalizationOps.Contains(layer.Op) ? 2 * layer.OtherFlops : layer.OtherFlops;
        return (2 * 2 * layer.AllMacs) + other;
    }

    /// <summary>Estimates one training step of <paramref name="report"/>.</summary>
    public static TrainingCost Estimate(ProfileReport report, Optimizer optimizer)
    {
        var precision = RooflineEstimator.ComputePrecision(report);
        var trainable = report.Summary.Parameters.Trainable;
        long backward = 0;
        foreach (var layer in report.Layers)
        {
            backward += BackwardFlops(layer);
        }

        var mixed = precision is Precision.Fp16 or Precision.Bf16;
        return new TrainingCost
        {
            Optimizer = optimizer,
            ForwardFlops = report.Summary.TotalFlops,
            BackwardFlops = backward,
            WeightBytes = report.Memory.WeightBytes,
            MasterWeightBytes = mixed ? 4 * trainable : 0,
            GradientBytes = trainable * ElementSize.Width(precision == Precision.Int8 ? Precision.Fp32 : precision),
            OptimizerStateBytes = 4 * trainable * (optimizer == Optimizer.Sgd ? 1 : 2),
            ActivationBytes = report.Layers.Where(l => !l.Free).Sum(l => l.Traffic.BytesWritten),
        };
    }
}
