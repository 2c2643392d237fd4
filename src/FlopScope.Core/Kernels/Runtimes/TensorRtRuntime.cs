namespace FlopScope.Kernels.Runtimes;

/// <summary><c>tensorrt</c>: NVIDIA TensorRT engine. Convolution and GEMM absorb BatchNorm, bias, scale, residual Add
/// and any activation; chains of pointwise ops become one kernel; normalizations, softmax and attention are fused;
/// views, reshapes and most transposes vanish into the neighbouring kernels' addressing.</summary>
internal static class TensorRtRuntime
{
    private const string Guide = "NVIDIA TensorRT Developer Guide, 'Types of Fusions' and 'Pointwise Fusion'";

    public static RuntimeProfile Profile { get; } = new()
    {
        Id = "tensorrt",
        Name = "NVIDIA TensorRT engine",
        DeviceKinds = ["gpu"],
        Patterns =
        [
            CommonPatterns.Silu, CommonPatterns.HardSwish, CommonPatterns.Gelu, CommonPatterns.LayerNorm, CommonPatterns.RmsNorm,
            CommonPatterns.RmsNormReciprocal, CommonPatterns.Softmax, .. CommonPatterns.Attention,
        ],
        Rules =
        [
            new()
            {
                Id = "attention", Anchor = ["@attention", "@attention-scaled", "@attention-scaled-mul", "@attention-masked", "@attention-scaled-masked", "@attention-scaled-mul-masked"],
                Source = Guide + ": multi-head attention fusion (MHA/flash attention kernels)",
            },
            new()
            {
                Id = "conv-epilogue", Anchor = ["Conv", "ConvTranspose", "MatMul", "Gemm"],
                Steps =
                [
                    new(["BatchNormalization"]), new(["Mul", "Div"], StepOperand.Constant), new(["Add", "Sub"], StepOperand.Constant),
                    new(["Add"], StepOperand.Activation), new([.. CommonPatterns.Activations]), new([.. CommonPatterns.Pointwise], Repeat: true),
                ],
                Source = Guide + ": Convolution/FullyConnected + BatchNorm/Scale + ElementWise sum + activation + pointwise epilogue",
            },
            new() { Id = "layernorm", Anchor = ["@layernorm", "LayerNormalization"], Steps = [new([.. CommonPatterns.Pointwise], Repeat: true)], Source = Guide + ": normalization fusion" },
            new() { Id = "rmsnorm", Anchor = ["@rmsnorm", "@rmsnorm-reciprocal", "RMSNormalization"], Source = Guide + ": normalization fusion" },
            new() { Id = "softmax", Anchor = ["@softmax", "Softmax"], Source = Guide + ": reduction fusion" },
            new()
            {
                Id = "pointwise", Anchor = [.. CommonPatterns.Pointwise, "@silu", "@hardswish", "@gelu"],
                Steps = [new([.. CommonPatterns.Pointwise, "@silu", "@hardswish", "@gelu"], Repeat: true)],
                Source = Guide + ": PointWise fusion (chains of pointwise layers)",
            },
        ],
        RemovedOps = ["Identity", "Dropout", "Reshape", "Flatten", "Squeeze", "Unsqueeze"],
        KernelOverheadUs = new Dictionary<string, double> { ["gpu"] = 3 },
        // Implicit quantization keeps a layer in INT8 where an INT8 implementation is faster: convolutions and matrix
        // products (TensorRT Developer Guide, 'Mixed precision' / 'Reformat layers'; docs/estimator.md "INT8 engines").
        Int8Classes = new HashSet<KernelClass> { KernelClass.Conv, KernelClass.DepthwiseConv, KernelClass.Gemm },
        Classes = RuntimeDefaults.Classes,
        TileElements = RuntimeDefaults.GpuTiles,
        Source = Guide,
    };
}
