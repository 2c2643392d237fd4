namespace FlopScope.Kernels.Runtimes;

/// <summary><c>ort-cpu</c>: ONNX Runtime 1.31, CPU execution provider, graph optimization level all (its default).
/// The table mirrors the transformers ONNX Runtime registers for the CPU provider; docs/estimator.md lists each with
/// the optimizer source it comes from, and the fixture test compares detection with ONNX Runtime's own kernels.</summary>
internal static class OrtCpuRuntime
{
    private const string Optimizers = "onnxruntime/core/optimizer (graph_transformer_utils.cc: transformers per level and provider)";

    public static RuntimeProfile Profile { get; } = new()
    {
        Id = "ort-cpu",
        Name = "ONNX Runtime CPU (graph optimization all)",
        DeviceKinds = ["cpu"],
        Patterns = [CommonPatterns.Gelu, CommonPatterns.LayerNorm, CommonPatterns.RmsNorm, CommonPatterns.RmsNormReciprocal],
        Rules =
        [
            new()
            {
                Id = "conv-add-activation", Anchor = ["Conv"],
                Steps =
                [
                    new(["BatchNormalization"]), new(["Mul"], StepOperand.Constant), new(["Add"], StepOperand.Constant),
                    new(["Add"], StepOperand.Activation), new(["Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid"]),
                ],
                Source = "ConvBNFusion, ConvMulFusion, ConvAddFusion (basic); ConvActivationFusion, ConvAddActivationFusion (extended); NchwcTransformer Conv+Sum+activation (all)",
            },
            new()
            {
                Id = "matmul-bias-activation", Anchor = ["MatMul", "Gemm"],
                Steps = [new(["Add"], StepOperand.Constant), new(["Relu", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid"])],
                Source = "MatMulAddFusion (basic), GemmActivationFusion (extended)",
            },
            new() { Id = "gelu", Anchor = ["@gelu"], Source = "GeluFusion (extended) -> com.microsoft.Gelu" },
            new() { Id = "layernorm", Anchor = ["@layernorm"], Source = "LayerNormFusion (extended) -> LayerNormalization" },
            new() { Id = "rmsnorm", Anchor = ["@rmsnorm", "@rmsnorm-reciprocal"], Source = "SimplifiedLayerNormFusion (extended)" },
            new() { Id = "skip-layernorm", Anchor = ["Add"], Steps = [new(["LayerNormalization", "@layernorm"])], Source = "SkipLayerNormFusion (extended) -> com.microsoft.SkipLayerNormalization" },
        ],
        ViewKernels = ["Reshape", "Flatten", "Squeeze", "Unsqueeze"],
        KernelOverheadUs = new Dictionary<string, double> { ["cpu"] = 5 },
        Classes = RuntimeDefaults.Classes,
        TileElements = RuntimeDefaults.CpuTiles,
        Source = Optimizers,
    };
}
