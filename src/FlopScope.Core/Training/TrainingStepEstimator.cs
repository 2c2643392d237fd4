using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Profiling;

namespace FlopScope.Training;

/// <summary>
/// Time of one training step from a device's inference estimate (docs/estimator.md, "Training step time"):
/// <list type="bullet">
/// <item>forward = the inference estimate (same kernels, same runtime);</item>
/// <item>backward, per forward kernel: FLOPs by the rules of <see cref="TrainingEstimator"/> (2 x the products of
/// conv/GEMM kernels for dX and dW, 2 x normalizations, 1 x other ops); traffic 2 x the forward kernel's (read the
/// output gradient and the saved inputs and weights, write the input and weight gradients); two kernels (dX, dW) for
/// kernels with weights, one otherwise; same class efficiencies and utilisation;</item>
/// <item>optimizer: one fused elementwise pass reading and writing every trainable parameter and its optimizer state
/// and reading its gradient (weights read and written; optimizer state read and written: SGD momentum 1, Adam/AdamW 2 fp32
/// values; the gradient read; mixed precision adds the fp32 master copy, read and written), at the device's elementwise memory roof.</item>
/// </list>
/// </summary>
public static class TrainingStepEstimator
{
    /// <summary>Estimates one training step under the runtime the inference estimate assumed.</summary>
    public static TrainingStepTime Estimate(ProfileReport report, DeviceEstimate inference, TrainingCost cost)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return Estimate(report, inference, cost, RuntimeCatalog.BuiltIn.For(inference.Device, inference.Runtime));
    }

    /// <summary>Estimates one training step of <paramref name="report"/> from its inference estimate on a device.</summary>
    public static TrainingStepTime Estimate(ProfileReport report, DeviceEstimate inference, TrainingCost cost, RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(runtime);
        var device = inference.Device;
        var peak = device.PeakFlops(inference.Precision);
        var bandwidth = device.MemoryBandwidthGBs * 1e9;
        var backward = 0.0;
        foreach (var k in inference.Kernels)
        {
            var flops = k.Kernel.Nodes.Sum(i => (double)TrainingEstimator.BackwardFlops(report.Layers[i]));
            var weights = k.Kernel.Nodes.Any(i => report.Layers[i].WeightBearing);
            var efficiency = KernelCosts.Efficiency(device, runtime, k.Kernel.Class);
            var compute = peak > 0 ? flops / (peak * efficiency.ComputeEfficiency * k.ComputeUtilisation) : 0;
            var memory = 2.0 * k.Kernel.TotalBytes / (bandwidth * efficiency.MemoryEfficiency * k.MemoryUtilisation);
            backward += Math.Max(compute, memory) + ((weights ? 2 : 1) * k.OverheadSeconds);
        }

        var trainable = (double)report.Summary.Parameters.Trainable;
        var stateAccesses = cost.Optimizer == Optimizer.Sgd ? 2 : 4;
        var bytes = (trainable * 4 * stateAccesses) + cost.GradientBytes + (2.0 * cost.WeightBytes) + (cost.MasterWeightBytes > 0 ? 2.0 * cost.MasterWeightBytes : 0);
        var elementwise = KernelCosts.Efficiency(device, runtime, KernelClass.Elementwise);
        var optimizer = (bytes / (bandwidth * elementwise.MemoryEfficiency)) + (KernelCosts.OverheadUs(device, runtime) * 1e-6);
        return new TrainingStepTime { ForwardSeconds = inference.LatencySeconds, BackwardSeconds = backward, OptimizerSeconds = optimizer };
    }
}
