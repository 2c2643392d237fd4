namespace FlopScope.Kernels.Runtimes;

/// <summary>Decomposed patterns exporters emit (PyTorch's TorchScript and dynamo exporters) that several runtimes
/// fuse; each runtime's table picks the ones it fuses.</summary>
internal static class CommonPatterns
{
    private const string Exporter = "PyTorch ONNX export of the module (torch.onnx symbolic functions)";

    /// <summary>x * Sigmoid(x) (SiLU / Swish).</summary>
    public static FusionPattern Silu { get; } = new() { Id = "silu", Ops = ["Sigmoid", "Mul"], Class = KernelClass.Elementwise, Source = Exporter };

    /// <summary>x * HardSigmoid(x) (HardSwish before opset 14).</summary>
    public static FusionPattern HardSwish { get; } = new() { Id = "hardswish", Ops = ["HardSigmoid", "Mul"], Class = KernelClass.Elementwise, Source = Exporter };

    /// <summary>0.5 x (1 + erf(x / sqrt 2)) (exact GELU).</summary>
    public static FusionPattern Gelu { get; } = new() { Id = "gelu", Ops = ["Div", "Erf", "Add", "Mul", "Mul"], Class = KernelClass.Elementwise, Source = Exporter };

    /// <summary>(x - mean) / sqrt(var + eps) * gamma + beta (LayerNorm before opset 17).</summary>
    public static FusionPattern LayerNorm { get; } = new()
    {
        Id = "layernorm", Ops = ["ReduceMean", "Sub", "Pow", "ReduceMean", "Add", "Sqrt", "Div", "Mul", "Add"],
        Class = KernelClass.Normalization, Source = Exporter,
    };

    /// <summary>x / sqrt(mean(x^2) + eps) * gamma (RMSNorm as exported by LLaMA-style models).</summary>
    public static FusionPattern RmsNorm { get; } = new()
    {
        Id = "rmsnorm", Ops = ["Pow", "ReduceMean", "Add", "Sqrt", "Div", "Mul"], Class = KernelClass.Normalization, Source = Exporter,
    };

    /// <summary>x * rsqrt(mean(x^2) + eps) * gamma (RMSNorm with a reciprocal square root).</summary>
    public static FusionPattern RmsNormReciprocal { get; } = new()
    {
        Id = "rmsnorm-reciprocal", Ops = ["Pow", "ReduceMean", "Add", "Sqrt", "Reciprocal", "Mul", "Mul"], Class = KernelClass.Normalization, Source = Exporter,
    };

    /// <summary>exp(x - max) / sum (softmax written out).</summary>
    public static FusionPattern Softmax { get; } = new()
    {
        Id = "softmax", Ops = ["ReduceMax", "Sub", "Exp", "ReduceSum", "Div"], Class = KernelClass.Normalization, Source = Exporter,
    };

    /// <summary>MatMul(Q, K^T) [scale] [mask] Softmax MatMul(., V): scaled dot-product attention as exported.</summary>
    public static IReadOnlyList<FusionPattern> Attention { get; } =
    [
        new() { Id = "attention", Ops = ["MatMul", "Softmax", "MatMul"], ExtraInputs = [0, 2], Class = KernelClass.Attention, Source = Exporter },
        new() { Id = "attention-scaled", Ops = ["MatMul", "Div", "Softmax", "MatMul"], ExtraInputs = [0, 3], Class = KernelClass.Attention, Source = Exporter },
        new() { Id = "attention-scaled-mul", Ops = ["MatMul", "Mul", "Softmax", "MatMul"], ExtraInputs = [0, 3], Class = KernelClass.Attention, Source = Exporter },
        new() { Id = "attention-masked", Ops = ["MatMul", "Add", "Softmax", "MatMul"], ExtraInputs = [0, 1, 3], Class = KernelClass.Attention, Source = Exporter },
        new() { Id = "attention-scaled-masked", Ops = ["MatMul", "Div", "Add", "Softmax", "MatMul"], ExtraInputs = [0, 2, 4], Class = KernelClass.Attention, Source = Exporter },
        new() { Id = "attention-scaled-mul-masked", Ops = ["MatMul", "Mul", "Add", "Softmax", "MatMul"], ExtraInputs = [0, 2, 4], Class = KernelClass.Attention, Source = Exporter },
    ];

    /// <summary>Activations most runtimes fold into a convolution or GEMM epilogue.</summary>
    public static IReadOnlyList<string> Activations { get; } = ["Relu", "Clip", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid", "HardSwish", "Gelu", "@silu", "@hardswish", "@gelu"];

    /// <summary>Unary and binary elementwise ops a pointwise-fusing compiler chains into one kernel.</summary>
    public static IReadOnlyList<string> Pointwise { get; } =
    [
        "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Reciprocal", "Exp", "Log", "Erf", "Tanh", "Sigmoid", "Relu", "Clip",
        "LeakyRelu", "HardSigmoid", "HardSwish", "Gelu", "Neg", "Abs", "Min", "Max", "Where", "Cast", "Elu", "Selu",
        "Softplus", "Mish", "PRelu", "Sin", "Cos", "Floor", "Ceil", "Round", "Sign", "Not", "And", "Or", "Equal",
        "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "BatchNormalization",
    ];
}
