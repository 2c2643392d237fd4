using FlopScope.Hardware;
using FlopScope.Profiling;
using FlopScope.Tests.Support;
using FlopScope.Training;

namespace FlopScope.Tests.Training;

public sealed class TrainingEstimatorTests
{
    // Gemm 8x256 by 256x10 (+ bias), Relu. Forward: 2 x 20,480 MAC FLOPs + 80 bias + 80 Relu = 41,120.
    private static ProfileReport Report(Precision? precision = null) => Profiler.Profile(
        new TestGraph().Input("x", 8, 256).Weight("w", 256, 10).Weight("b", 10)
            .Node("Gemm", ["x", "w", "b"], ["h"]).Node("Relu", ["h"], ["y"]).BuildModel("y"),
        new ProfileOptions { Precision = precision });

    [Fact]
    public void BackwardIsTwoProductsPerMacPlusElementwiseDerivatives()
    {
        var cost = TrainingEstimator.Estimate(Report(), Optimizer.Adam);

        Assert.Equal(41_120, cost.ForwardFlops);
        Assert.Equal((4 * 20_480) + 80 + 80, cost.BackwardFlops);
    }

    [Fact]
    public void AdamKeepsTwoFp32MomentsPerParameter()
    {
        // 2,570 trainable parameters; activations kept: h and y, 8 x 10 fp32 each = 640 bytes.
        var cost = TrainingEstimator.Estimate(Report(), Optimizer.Adam);

        Assert.Equal(2_570 * 4, cost.WeightBytes);
        Assert.Equal(2_570 * 4, cost.GradientBytes);
        Assert.Equal(2 * 2_570 * 4, cost.OptimizerStateBytes);
        Assert.Equal(0, cost.MasterWeightBytes);
        Assert.Equal(640, cost.ActivationBytes);
        Assert.Equal((4 * 2_570 * 4) + 640, cost.TotalBytes);
    }

    [Fact]
    public void MixedPrecisionAddsFp32MasterWeights()
    {
        var cost = TrainingEstimator.Estimate(Report(Precision.Fp16), Optimizer.Sgd);

        Assert.Equal(2_570 * 2, cost.WeightBytes);
        Assert.Equal(2_570 * 4, cost.MasterWeightBytes);
        Assert.Equal(2_570 * 2, cost.GradientBytes);
        Assert.Equal(2_570 * 4, cost.OptimizerStateBytes);
        Assert.Equal(320, cost.ActivationBytes);
    }
}
