using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;
using FlopScope.Training;

namespace FlopScope.Tests.Training;

public sealed class TrainingStepEstimatorTests
{
    // 1 TFLOP/s, 100 GB/s, efficiencies 1, one unit (no utilisation loss), torch-eager at 10 us per kernel.
    private static readonly DeviceProfile Toy = new()
    {
        Id = "toy", Name = "Toy", Kind = "gpu", PeakTflops = new Dictionary<string, double> { ["fp32"] = 1 },
        MemoryBandwidthGBs = 100, ComputeEfficiency = 1, MemoryEfficiency = 1, ParallelUnits = 1,
        Runtimes = new Dictionary<string, RuntimeSettings>
        {
            ["torch-eager"] = new()
            {
                KernelOverheadUs = 10,
                Classes = new Dictionary<string, ClassEfficiency> { ["gemm"] = new(1, 1), ["elementwise"] = new(1, 1) },
            },
        },
    };

    [Fact]
    public void OneMatMulStepIsForwardPlusTwiceItsProductsPlusAnSgdUpdate()
    {
        // MatMul [1024 x 1024] x weight [1024 x 1024]: forward 2,147,483,648 FLOPs = 2.147 ms at 1 TFLOP/s (+10 us).
        // Backward: dX and dW, 4,294,967,296 FLOPs = 4.295 ms (+2 x 10 us; traffic 2 x 12 MiB = 0.25 ms < compute).
        // SGD update: weights read+written (2 x 4 MiB) + momentum read+written (2 x 4 MiB) + gradient read (4 MiB)
        // = 20,971,520 bytes at 100 GB/s = 0.2097 ms (+10 us).
        var model = new TestGraph().Input("a", 1024, 1024).Weight("b", 1024, 1024).Node("MatMul", ["a", "b"], ["y"]).BuildModel("y");
        var report = Profiler.Profile(model);
        var inference = RooflineEstimator.Estimate(report, Toy, "torch-eager");

        var step = TrainingStepEstimator.Estimate(report, inference, TrainingEstimator.Estimate(report, Optimizer.Sgd));

        Assert.Equal((2_147_483_648 / 1e12) + 10e-6, step.ForwardSeconds, 12);
        Assert.Equal((4_294_967_296 / 1e12) + 20e-6, step.BackwardSeconds, 12);
        Assert.Equal((20_971_520 / 100e9) + 10e-6, step.OptimizerSeconds, 12);
        Assert.Equal(step.ForwardSeconds + step.BackwardSeconds + step.OptimizerSeconds, step.Seconds, 15);
    }
}
