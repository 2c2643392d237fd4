using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Llm.KvCache;
using FlopScope.Llm.Moe;

namespace FlopScope.Llm.Phases;

/// <summary>
/// Times prefill and decode steps of an <see cref="LlmModel"/> on a device with the same roofline as every other
/// estimate (docs/llm.md): compute = projection FLOPs / (peak at the compute precision x the gemm class's compute
/// efficiency) + attention FLOPs / (peak x the attention class's); memory = (weights read + projection activations) /
/// (bandwidth x the gemm class's memory efficiency) + KV cache read and written / (bandwidth x the attention
/// class's); the two combined by the device's memory overlap (max of the two unless a calibrated profile says
/// otherwise); plus the runtime's per-kernel overhead for each kernel a step launches and, on a calibrated multi-core
/// CPU, the parallel dispatch cost of each projection. Efficiencies and overhead are
/// looked up per (device, runtime, kernel class) as every estimate does (<see cref="KernelCosts"/>). A step reads
/// every dense weight once whatever the batch, so batch scales FLOPs, activations and the cache only.
/// </summary>
public static class PhaseEstimator
{
    /// <summary>Kernels per layer besides its projections: two norms, rotary, attention, activation, two residual adds.</summary>
    public const int OtherKernelsPerLayer = 7;

    /// <summary>Prefill of <paramref name="prompt"/> tokens per sequence into an empty cache.</summary>
    public static PhaseEstimate Prefill(LlmModel model, DeviceProfile device, LlmRunOptions options, long prompt) =>
        Step(model, device, options, "prefill", prompt, 0);

    /// <summary>Decode of one token per sequence with <paramref name="context"/> tokens already cached.</summary>
    public static PhaseEstimate Decode(LlmModel model, DeviceProfile device, LlmRunOptions options, long context) =>
        Step(model, device, options, "decode", 1, context);

    /// <summary>The precision compute runs at for weights stored as <paramref name="format"/> on <paramref name="device"/>:
    /// 16-bit and 32-bit floats at their own precision; quantized weights dequantized to fp16 on GPUs and NPUs, and
    /// multiplied with int8 dot products on CPUs (llama.cpp quantizes activations to 8 bits there).</summary>
    public static Precision ComputePrecision(string format, DeviceProfile device) => format switch
    {
        "f32" => Precision.Fp32,
        "f16" => Precision.Fp16,
        "bf16" => Precision.Bf16,
        _ => device.Kind == "cpu" ? Precision.Int8 : Precision.Fp16,
    };

    private static PhaseEstimate Step(LlmModel model, DeviceProfile device, LlmRunOptions options, string phase, long newTokens, long past)
    {
        options.Validate();
        var a = model.Architecture;
        var batch = options.Batch;
        var cost = ForwardCost.Of(a, model.Tensors, newTokens, past, batch);
        var stepTokens = (double)newTokens * batch;

        var touched = a.Moe is { } moe ? ExpertActivation.ExpectedDistinct(moe.Experts, moe.ExpertsPerToken, stepTokens) : 0;
        var w = model.Weights;
        var weightBytes = w.DenseBytes
            + (a.Moe is { } m ? w.RoutedExpertBytes * touched / m.Experts : 0)
            + (w.LookupBytes * Math.Min(1.0, stepTokens / a.Vocab));

        var kvBefore = KvCacheSize.Bytes(a, options.KvFormat, past, batch);
        var kvAfter = KvCacheSize.Bytes(a, options.KvFormat, past + newTokens, batch);

        var precision = ComputePrecision(w.DominantFormat, device);
        var activationBytes = ActivationElements(model, newTokens, batch) * (precision == Precision.Fp32 ? 4 : 2);
        var runtime = RuntimeCatalog.BuiltIn.For(device, options.Runtime);
        var gemm = KernelCosts.Efficiency(device, runtime, KernelClass.Gemm);
        var attention = KernelCosts.Efficiency(device, runtime, KernelClass.Attention);
        var peak = device.PeakFlops(precision);
        var bandwidth = device.MemoryBandwidthGBs * 1e9;
        var attentionFlops = 2.0 * cost.AttentionMacs;
        var computeSeconds = peak > 0 ? ((cost.Flops - attentionFlops) / (peak * gemm.ComputeEfficiency)) + (attentionFlops / (peak * attention.ComputeEfficiency)) : 0;
        var memorySeconds = ((weightBytes + activationBytes) / (bandwidth * gemm.MemoryEfficiency)) + ((kvAfter + (kvAfter - kvBefore)) / (bandwidth * attention.MemoryEfficiency));
        // Every kernel pays the runtime's per-kernel overhead; on a multi-core device whose profile measured a parallel
        // dispatch cost (calibrate), each projection, split across the threads, pays that too, as in every other estimate.
        var parallelKernels = device.ParallelUnits is > 1 ? ParallelKernels(model) : 0;
        var overheadSeconds = ((Kernels(model) * KernelCosts.OverheadUs(device, runtime)) + (parallelKernels * KernelCosts.ParallelOverheadUs(device, runtime))) * 1e-6;
        // Compute and memory combine as the device's runtime section says (1, the plain roofline, unless calibrated).
        var busySeconds = KernelCosts.Combine(computeSeconds, memorySeconds, KernelCosts.MemoryOverlap(device, runtime));
        return new PhaseEstimate
        {
            Phase = phase,
            Runtime = runtime.Id,
            NewTokens = newTokens,
            Past = past,
            Batch = batch,
            Flops = cost.Flops,
            WeightBytes = weightBytes,
            KvReadBytes = kvAfter,
            KvWriteBytes = kvAfter - kvBefore,
            ActivationBytes = activationBytes,
            ExpertsTouched = touched,
            ComputePrecision = precision,
            ComputeSeconds = computeSeconds,
            MemorySeconds = memorySeconds,
            OverheadSeconds = overheadSeconds,
            Seconds = busySeconds + overheadSeconds,
            Bound = overheadSeconds > busySeconds ? Bound.Overhead : computeSeconds >= memorySeconds ? Bound.Compute : Bound.Memory,
        };
    }

    /// <summary>Kernels one forward pass launches: every projection (a stack of routed experts as one grouped kernel)
    /// plus <see cref="OtherKernelsPerLayer"/> per layer, and embedding, final norm and output projection.</summary>
    public static long Kernels(LlmModel model) =>
        Projections(model) + ((long)OtherKernelsPerLayer * model.Architecture.Layers) + 3;

    /// <summary>Kernels of a forward pass that split their work across a CPU's threads: the projections (as
    /// <see cref="Kernels"/> counts them) and the output projection. The per-layer norms, rotary and adds of one
    /// token's vectors are too small to split.</summary>
    public static long ParallelKernels(LlmModel model) => Projections(model) + 1;

    /// <summary>Projection kernels of a forward pass, the output projection aside (a stack of routed experts is one).</summary>
    private static long Projections(LlmModel model) => model.Tensors.Count(t => t.IsMatMul && t.Role != TensorRole.Output);

    /// <summary>Elements into and out of every projection for the step: each token through each projection it uses
    /// (k routed experts), logits for the last token of each sequence.</summary>
    private static double ActivationElements(LlmModel model, long newTokens, long batch)
    {
        var k = model.Architecture.Moe?.ExpertsPerToken ?? 0;
        double perToken = 0, output = 0;
        foreach (var t in model.Tensors.Where(t => t.IsMatMul))
        {
            var io = (double)(t.Rows + t.Columns);
            if (t.Role == TensorRole.Output)
            {
                output += io;
            }
            else
            {
                perToken += t.IsRoutedExpert ? io * k : io;
            }
        }

        return ((perToken * newTokens) + output) * batch;
    }
}
