namespace FlopScope.Kernels.Runtimes;

/// <summary><c>ort-cuda</c>: ONNX Runtime, CUDA execution provider, level all. The CPU provider's fusions that are
/// registered for CUDA too (Conv+activation via cuDNN, Gemm, GELU, LayerNorm, SkipLayerNorm, BiasGelu, attention);
/// no NCHWc layout; views are copy-free but still dispatched.</summary>
internal static class OrtCudaRuntime
{
    public static RuntimeProfile Profile { get; } = OrtCpuRuntime.Profile with
    {
        Id = "ort-cuda",
        Name = "ONNX Runtime CUDA (graph optimization all)",
        DeviceKinds = ["gpu"],
        Patterns = [CommonPatterns.Silu, CommonPatterns.Gelu, CommonPatterns.LayerNorm, CommonPatterns.RmsNorm, CommonPatterns.RmsNormReciprocal, .. CommonPatterns.Attention],
        Rules =
        [
            new()
            {
                Id = "conv-add-activation", Anchor = ["Conv"],
                Steps = [new(["BatchNormalization"]), new(["Mul"], StepOperand.Constant), new(["Add"], StepOperand.Constant), new(["Add"], StepOperand.Activation), new(["Relu"])],
                Source = "ConvBNFusion, ConvMulFusion, ConvAddFusion (basic); ConvActivationFusion for CUDA: Relu only (cuDNN fused conv-bias-activation)",
            },
            new() { Id = "matmul-bias", Anchor = ["MatMul", "Gemm"], Steps = [new(["Add"], StepOperand.Constant)], Source = "MatMulAddFusion (basic)" },
            new() { Id = "bias-gelu", Anchor = ["Add"], AnchorOperand = StepOperand.Constant, Steps = [new(["@gelu", "Gelu"])], Source = "GeluFusion + BiasGeluFusion (extended) -> com.microsoft.BiasGelu" },
            new() { Id = "gelu", Anchor = ["@gelu"], Source = "GeluFusion (extended)" },
            new() { Id = "silu", Anchor = ["@silu"], Source = "QuickGeluFusion (extended, registered for cpu_cuda_dml_rocm_eps in graph_transformer_utils.cc): x * Sigmoid(x) -> com.microsoft.QuickGelu (alpha 1), a CUDA kernel" },
            new() { Id = "layernorm", Anchor = ["@layernorm"], Source = "LayerNormFusion (extended)" },
            new() { Id = "rmsnorm", Anchor = ["@rmsnorm", "@rmsnorm-reciprocal"], Source = "SimplifiedLayerNormFusion (extended)" },
            new() { Id = "skip-layernorm", Anchor = ["Add"], Steps = [new(["LayerNormalization", "@layernorm"])], Source = "SkipLayerNormFusion (extended)" },
            new()
            {
                Id = "attention", Anchor = ["@attention", "@attention-scaled", "@attention-scaled-mul", "@attention-masked", "@attention-scaled-masked", "@attention-scaled-mul-masked"],
                Source = "AttentionFusion / MultiHeadAttention (extended, CUDA: fused or memory-efficient attention kernels)",
            },
        ],
        Layout = null,
        // Symbolic dimensions are modelled for the CPU provider only (checked against its sessions); the CUDA provider
        // was not measured under them, so ort-cuda keeps assuming the session sees the bound sizes.
        SeesBoundShapes = true,
        // The CUDA provider's transposes are tiled kernels, not the CPU's element-by-element loop; its inner-axis
        // Softmax transposes too, but that was not measured here, so neither is modelled.
        StridedTransposes = false,
        KernelOverheadUs = new Dictionary<string, double> { ["gpu"] = 10 },
        TileElements = RuntimeDefaults.GpuTiles,
        Source = "onnxruntime/core/optimizer; CUDA EP kernels",
    };
}
