using FlopScope.Hardware;
using FlopScope.Llm;
using FlopScope.Llm.Phases;
using FlopScope.Llm.Quantization;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Phases;

public sealed class PhaseEstimatorTests
{
    private static readonly DeviceCatalog Catalog = DeviceCatalog.BuiltIn();

    private static LlmModel Model(string name, string quant) => LlmModel.FromArchitecture(name, "config.json", LlmFixtures.Architecture(name), QuantScheme.Parse(quant));

    [Fact]
    public void ForwardMacsAreTheMatrixParametersPlusAttention()
    {
        // Llama-2-7B, one token after 99 cached: every matrix (all parameters but the 32000 x 4096 embedding lookup and
        // 65 norm vectors of 4096) once per token, plus 32 layers x 32 heads x 128 x 2 (scores and values) per key.
        var a = LlmFixtures.Architecture("llama-2-7b");
        var cost = ForwardCost.Of(a, LlmTensors.Enumerate(a), newTokens: 1, past: 99);
        Assert.Equal(6_738_415_616L - (32_000L * 4096) - (65 * 4096) + (32L * 32 * 256 * 100), cost.Macs);
        // A prompt of 512: projections x 512, attention 512 x 512 keys (the full rectangle), logits for the last token.
        var prefill = ForwardCost.Of(a, LlmTensors.Enumerate(a), newTokens: 512, past: 0);
        Assert.Equal(512 * (6_738_415_616L - (2 * 32_000L * 4096) - (65 * 4096)) + (32L * 32 * 256 * 512 * 512) + (32_000L * 4096), prefill.Macs);
    }

    [Fact]
    public void DecodeReadsEveryWeightOnceAndIsMemoryBound()
    {
        var model = Model("llama-3-8b", "q4_k_m");
        foreach (var (id, runtime) in new[] { ("rpi5", (string?)null), ("orin-nano", null), ("h100-sxm", null), ("rtx4090", "torch-cudagraph") })
        {
            var device = Catalog.Get(id);
            var decode = PhaseEstimator.Decode(model, device, new LlmRunOptions { Runtime = runtime }, 1024);
            Assert.Equal(Bound.Memory, decode.Bound);
            // Dense weights plus one embedding row (of 128,256) of the untied table.
            Assert.Equal(model.Weights.DenseBytes + (model.Weights.LookupBytes / 128_256.0), decode.WeightBytes, 1e-3);
            Assert.Equal(131_072.0 * 1025, decode.KvReadBytes);
            Assert.Equal(131_072.0, decode.KvWriteBytes);
        }

        // Eager PyTorch launches each of the ~450 kernels at 20 us: on a 4090 that takes longer than streaming the
        // 4.9 GB of weights, so batch-1 decode is launch-bound there (what CUDA graphs remove).
        var eager = PhaseEstimator.Decode(model, Catalog.Get("rtx4090"), new LlmRunOptions { Runtime = "torch-eager" }, 1024);
        Assert.Equal(Bound.Overhead, eager.Bound);
        Assert.Equal(PhaseEstimator.Kernels(model) * 20e-6, eager.OverheadSeconds, 1e-12);
    }

    [Fact]
    public void ACalibratedCpuSectionAddsTheParallelDispatchOfEachProjectionAndItsOverlap()
    {
        // A toy 4-core CPU with a calibrated ort-cpu section: 1 us per kernel, 3 us more for a kernel split across the
        // threads, compute and memory not overlapped (0). Llama-2-7B at f16 on it, decode after 1023 tokens.
        var cpu = ToyDevices.Cpu(parallelUnits: 4) with
        {
            PeakTflops = new Dictionary<string, double> { ["fp16"] = 1, ["fp32"] = 1 }, Runtime = "ort-cpu",
            Runtimes = new Dictionary<string, FlopScope.Kernels.RuntimeSettings> { ["ort-cpu"] = new() { KernelOverheadUs = 1, ParallelOverheadUs = 3, MemoryOverlap = 0 } },
        };
        var model = Model("llama-2-7b", "f16");
        // 7 projections per layer x 32 layers = 224 projections; 224 + 7 x 32 + 3 = 451 kernels, of which the 224
        // projections and the output projection (225) are split across the threads.
        Assert.Equal(451, PhaseEstimator.Kernels(model));
        Assert.Equal(225, PhaseEstimator.ParallelKernels(model));

        var decode = PhaseEstimator.Decode(model, cpu, new LlmRunOptions(), 1023);

        Assert.Equal(((451 * 1) + (225 * 3)) * 1e-6, decode.OverheadSeconds, 12);
        Assert.Equal(decode.ComputeSeconds + decode.MemorySeconds + decode.OverheadSeconds, decode.Seconds, 12);
        // One core splits nothing; without the section the plain roofline and the runtime's default overhead (5 us).
        Assert.Equal(451 * 1e-6, PhaseEstimator.Decode(model, cpu with { ParallelUnits = 1 }, new LlmRunOptions(), 1023).OverheadSeconds, 12);
        var plain = PhaseEstimator.Decode(model, cpu with { Runtimes = null }, new LlmRunOptions(), 1023);
        Assert.Equal(451 * 5e-6, plain.OverheadSeconds, 12);
        Assert.Equal(Math.Max(plain.ComputeSeconds, plain.MemorySeconds) + plain.OverheadSeconds, plain.Seconds, 12);
    }

    [Fact]
    public void BatchScalesFlopsAndCacheNotWeights()
    {
        var model = Model("llama-3-8b", "f16");
        var device = Catalog.Get("a100-80gb");
        var one = PhaseEstimator.Decode(model, device, new LlmRunOptions(), 2048);
        var eight = PhaseEstimator.Decode(model, device, new LlmRunOptions { Batch = 8 }, 2048);
        Assert.Equal(8 * one.Flops, eight.Flops);
        Assert.Equal(8 * one.KvReadBytes, eight.KvReadBytes);
        Assert.Equal(8 * one.ActivationBytes, eight.ActivationBytes);
        Assert.Equal(one.WeightBytes - (model.Weights.LookupBytes / 128_256.0), eight.WeightBytes - (8 * model.Weights.LookupBytes / 128_256.0), 1e-3);
        Assert.True(eight.TokensPerSecond > 7 * one.TokensPerSecond);
    }

    [Fact]
    public void PrefillOfALongPromptIsComputeBound()
    {
        var model = Model("llama-3-8b", "q4_k_m");
        var prefill = PhaseEstimator.Prefill(model, Catalog.Get("rpi5"), new LlmRunOptions(), 512);
        Assert.Equal(Bound.Compute, prefill.Bound);
        // rpi5 is a CPU: quantized weights multiply with int8 dot products (0.614 TOPS), at the gemm and attention
        // efficiencies of its usual runtime (ort-cpu).
        Assert.Equal(Precision.Int8, prefill.ComputePrecision);
        var device = Catalog.Get("rpi5");
        var runtime = FlopScope.Kernels.RuntimeCatalog.BuiltIn.For(device);
        Assert.Equal("ort-cpu", prefill.Runtime);
        var gemm = FlopScope.Kernels.KernelCosts.Efficiency(device, runtime, FlopScope.Kernels.KernelClass.Gemm).ComputeEfficiency;
        var attention = FlopScope.Kernels.KernelCosts.Efficiency(device, runtime, FlopScope.Kernels.KernelClass.Attention).ComputeEfficiency;
        var attentionFlops = 2.0 * 32 * 32 * 256 * 512 * 512;
        Assert.Equal(((prefill.Flops - attentionFlops) / (0.614e12 * gemm)) + (attentionFlops / (0.614e12 * attention)), prefill.ComputeSeconds, 1e-9);
    }

    [Fact]
    public void GenerationSumsPrefillAndDecodeSteps()
    {
        var model = Model("qwen2.5-0.5b", "bf16");
        var device = Catalog.Get("orin-nano");
        var g = GenerationEstimate.Of(model, device, new LlmRunOptions(), 100, 4);
        var steps = Enumerable.Range(0, 3).Sum(i => PhaseEstimator.Decode(model, device, new LlmRunOptions(), 100 + i).Seconds);
        Assert.Equal(steps, g.DecodeSeconds, 1e-12);
        Assert.Equal(g.Prefill.Seconds, g.TimeToFirstTokenSeconds);
        Assert.Equal(3 / steps, g.DecodeTokensPerSecond, 1e-9);
        Assert.Equal(104, g.Memory.Context);
    }
}
