namespace FlopScope.Kernels;

/// <summary>JSON ids of <see cref="KernelClass"/> and the class of a single ONNX op.</summary>
public static class KernelClasses
{
    private static readonly Dictionary<KernelClass, string> Ids = new()
    {
        [KernelClass.Conv] = "conv",
        [KernelClass.DepthwiseConv] = "depthwise_conv",
        [KernelClass.Gemm] = "gemm",
        [KernelClass.Attention] = "attention",
        [KernelClass.Elementwise] = "elementwise",
        [KernelClass.Normalization] = "normalization",
        [KernelClass.Pooling] = "pooling",
        [KernelClass.DataMovement] = "data_movement",
        [KernelClass.StridedCopy] = "strided_copy",
        [KernelClass.GroupedIm2Col] = "grouped_im2col",
    };

    private static readonly HashSet<string> GemmOps =
    [
        "MatMul", "Gemm", "MatMulInteger", "QLinearMatMul", "com.microsoft.FusedMatMul", "com.microsoft.MatMulNBits",
        "com.microsoft.FusedGemm", "com.microsoft.MatMulIntegerToFloat", "Einsum",
        "LSTM", "GRU", "RNN",
    ];

    private static readonly HashSet<string> ConvOps =
        ["Conv", "ConvTranspose", "ConvInteger", "QLinearConv", "com.microsoft.FusedConv", "com.microsoft.nchwc.Conv"];

    private static readonly HashSet<string> AttentionOps =
    [
        "Attention", "com.microsoft.Attention", "com.microsoft.MultiHeadAttention", "com.microsoft.GroupQueryAttention",
        "com.microsoft.PackedAttention", "com.microsoft.PackedMultiHeadAttention",
    ];

    private static readonly HashSet<string> NormalizationOps =
    [
        "Softmax", "LogSoftmax", "LayerNormalization", "BatchNormalization", "InstanceNormalization", "GroupNormalization",
        "RMSNormalization", "LpNormalization", "MeanVarianceNormalization", "ReduceMean", "ReduceSum", "ReduceMax",
        "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax",
        "ArgMin", "TopK", "CumSum", "Hardmax", "com.microsoft.SkipLayerNormalization", "com.microsoft.SimplifiedLayerNormalization",
        "com.microsoft.SkipSimplifiedLayerNormalization", "SimplifiedLayerNormalization", "com.microsoft.EmbedLayerNormalization",
    ];

    private static readonly HashSet<string> PoolingOps =
        ["MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool", "GlobalLpPool", "MaxRoiPool", "RoiAlign", "com.microsoft.nchwc.MaxPool", "com.microsoft.nchwc.GlobalAveragePool", "com.microsoft.nchwc.AveragePool", "com.microsoft.nchwc.GlobalMaxPool"];

    private static readonly HashSet<string> DataMovementOps =
    [
        "Transpose", "Concat", "Split", "Slice", "Gather", "GatherElements", "GatherND", "Scatter", "ScatterElements",
        "ScatterND", "Resize", "Upsample", "Pad", "Tile", "Expand", "DepthToSpace", "SpaceToDepth", "Reshape", "Flatten",
        "Squeeze", "Unsqueeze", "Identity", "Dropout", "Cast", "CastLike", "Shape", "Size", "Constant", "ConstantOfShape",
        "Range", "NonZero", "Compress", "OneHot", "ReverseSequence", "Trilu", "Col2Im", "GridSample", "AffineGrid",
        "com.microsoft.nchwc.ReorderInput", "com.microsoft.nchwc.ReorderOutput", "com.microsoft.nchwc.Upsample",
    ];

    /// <summary>Every class, in declaration order.</summary>
    public static IReadOnlyList<KernelClass> All { get; } = Enum.GetValues<KernelClass>();

    /// <summary>The JSON id: <c>conv</c>, <c>depthwise_conv</c>, ...</summary>
    public static string Id(this KernelClass kernelClass) => Ids[kernelClass];

    /// <summary>The class with JSON id <paramref name="id"/>.</summary>
    public static bool TryParse(string id, out KernelClass kernelClass)
    {
        foreach (var (key, value) in Ids)
        {
            if (string.Equals(value, id, StringComparison.OrdinalIgnoreCase))
            {
                kernelClass = key;
                return true;
            }
        }

        kernelClass = default;
        return false;
    }

    /// <summary>The class of a single op (domain-prefixed outside the default domain, as reports name it);
    /// <paramref name="group"/> is a convolution's group attribute. Unknown ops are elementwise.</summary>
    public static KernelClass OfOp(string op, long group = 1) => op switch
    {
        _ when ConvOps.Contains(op) => group > 1 ? KernelClass.DepthwiseConv : KernelClass.Conv,
        _ when GemmOps.Contains(op) => KernelClass.Gemm,
        _ when AttentionOps.Contains(op) => KernelClass.Attention,
        _ when NormalizationOps.Contains(op) => KernelClass.Normalization,
        _ when PoolingOps.Contains(op) => KernelClass.Pooling,
        _ when DataMovementOps.Contains(op) => KernelClass.DataMovement,
        _ => KernelClass.Elementwise,
    };
}
