namespace FlopScope.Kernels.Runtimes;

/// <summary><c>ort-cpu</c>: ONNX Runtime 1.31, CPU execution provider, graph optimization level all (its default).
/// The table mirrors the transformers ONNX Runtime registers for the CPU provider; docs/estimator.md lists each with
/// the optimizer source it comes from, and the fixture test compares detection with ONNX Runtime's own kernels.</summary>
internal static class OrtCpuRuntime
{
    // MLAS applies Relu inside the convolution kernel (a kernel flag) and every other fused activation afterwards, over
    // each output row the kernel has just written (snchwc.cpp, "Test for fused non-ReLU activation").
    private static readonly string[] MlasPassActivations = ["Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish"];

    private const string Optimizers = "onnxruntime/core/optimizer (graph_transformer_utils.cc: transformers per level and provider)";

    public static RuntimeProfile Profile { get; } = new()
    {
        Id = "ort-cpu",
        Name = "ONNX Runtime CPU (graph optimization all)",
        DeviceKinds = ["cpu"],
        Patterns = [CommonPatterns.Silu, CommonPatterns.Gelu, CommonPatterns.LayerNorm, CommonPatterns.RmsNorm, CommonPatterns.RmsNormReciprocal],
        Rules =
        [
            new()
            {
                Id = "conv-add-activation", Anchor = ["Conv"],
                Steps =
                [
                    new(["BatchNormalization"]), new(["Mul"], StepOperand.Constant), new(["Add"], StepOperand.Constant),
                    new(["Add"], StepOperand.Activation), new(["Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish"]),
                ],
                PassActivations = MlasPassActivations,
                Source = "ConvBNFusion, ConvMulFusion, ConvAddFusion (basic); ConvActivationFusion, ConvAddActivationFusion (extended); NchwcTransformer Conv+Sum+activation (all); MLAS snchwc.cpp applies non-Relu activations in a pass after the kernel",
            },
            new()
            {
                Id = "batchnorm-activation", Anchor = ["BatchNormalization"],
                Steps = [new(["Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish"])],
                PassActivations = MlasPassActivations,
                Source = "NchwcTransformer (all): a BatchNormalization on a blocked tensor becomes a depthwise NCHWc Conv with the activation fused",
            },
            new()
            {
                Id = "matmul-bias", Anchor = ["MatMul"], Steps = [new(["Add"], StepOperand.Constant)], InsertedViews = 2, StaticShapeAboveRank = 2,
                Source = "MatMulAddFusion (basic): MatMul + bias -> Gemm, with a Reshape to 2-D before and back after when the input has rank > 2 (which needs the input's sizes when the session is built)",
            },
            new()
            {
                Id = "matmul-scale", Anchor = ["MatMul"], Steps = [new(["Mul", "Div"], StepOperand.Constant)],
                Source = "MatMulScaleFusion (extended): MatMul + scalar Mul/Div -> com.microsoft.FusedMatMul (alpha)",
            },
            new() { Id = "reshape-chain", Anchor = ["Reshape"], Steps = [new(["Reshape"], Repeat: true)], Source = "ReshapeFusion (extended): consecutive Reshapes become one" },
            new() { Id = "gemm-activation", Anchor = ["Gemm"], Steps = [new(["Relu", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid"])], Source = "GemmActivationFusion (extended) -> com.microsoft.FusedGemm" },
            new() { Id = "silu", Anchor = ["@silu"], Source = "QuickGeluFusion (extended): x * Sigmoid(x) -> com.microsoft.QuickGelu (alpha 1)" },
            new() { Id = "gelu", Anchor = ["@gelu"], Source = "GeluFusion (extended) -> com.microsoft.Gelu" },
            new() { Id = "layernorm", Anchor = ["@layernorm"], Source = "LayerNormFusion (extended) -> LayerNormalization" },
            new() { Id = "rmsnorm", Anchor = ["@rmsnorm", "@rmsnorm-reciprocal"], Source = "SimplifiedLayerNormFusion (extended)" },
            new()
            {
                Id = "skip-layernorm", Anchor = ["Add"], Steps = [new(["LayerNormalization", "@layernorm"])], StaticShapeAboveRank = 2,
                Source = "SkipLayerNormFusion (extended) -> com.microsoft.SkipLayerNormalization (its shape checks need static sizes)",
            },
            new() { Id = "bias-gelu", Anchor = ["Add"], AnchorOperand = StepOperand.Constant, Steps = [new(["@gelu", "Gelu"])], Source = "BiasGeluFusion (extended): the bias Add left by an unfused MatMul + Gelu -> com.microsoft.BiasGelu" },
        ],
        SeesBoundShapes = false,
        ViewKernels = ["Reshape", "Flatten", "Squeeze", "Unsqueeze"],
        MergedSiblings = ["Slice"],
        SplitOps = new Dictionary<string, string> { ["HardSwish"] = "HardSigmoid" },
        StridedTransposes = true,
        Layout = new LayoutRule { BlockChannels = 16, Source = "NchwcTransformer (level all): MLAS block of 16 channels with AVX-512, 8 with AVX2; none on ARM" },
        KernelOverheadUs = new Dictionary<string, double> { ["cpu"] = 5 },
        Classes = RuntimeDefaults.Classes,
        TileElements = RuntimeDefaults.CpuTiles,
        Source = Optimizers,
    };
}
