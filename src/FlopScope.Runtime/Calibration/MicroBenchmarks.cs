using static FlopScope.Runtime.Calibration.ProbeGraph;

namespace FlopScope.Runtime.Calibration;

/// <summary>
/// The calibration probes: for each kernel class, graphs at sizes that span compute- and memory-bound work and small
/// and large parallel work (output elements versus cores). Shape-preserving ops are chained (the same op applied to its
/// own output) so one run times several kernels and the fixed cost of a run matters less. All fp32, batch 1, opset 17;
/// the sizes are those of layers in common vision and language models (ResNet, MobileNet, BERT-base). What each
/// measures is in docs/estimator.md.
/// </summary>
public static class MicroBenchmarks
{
    /// <summary>The kernel classes the probes cover, in report order (JSON ids of the estimator's classes).</summary>
    public static readonly IReadOnlyList<string> Classes =
        ["conv", "depthwise_conv", "gemm", "attention", "elementwise", "normalization", "pooling", "data_movement", "strided_copy", "grouped_im2col"];

    /// <summary>Id of the probe that measures the fixed cost of one run with one tiny kernel.</summary>
    public const string RunCostId = "relu_16_x1";

    /// <summary>Id of the chain of <see cref="KernelCostChain"/> tiny Relus that measures the fixed cost of a kernel.</summary>
    public const string KernelCostId = "relu_16_x200";

    /// <summary>Kernels in the <see cref="KernelCostId"/> chain.</summary>
    public const int KernelCostChain = 200;

    /// <summary>Id of the probe that measures the extra fixed cost of a kernel split across the thread pool.</summary>
    public const string ParallelCostId = "conv_1x1_16c_16_x64";

    /// <summary>Every probe, grouped by class.</summary>
    public static IReadOnlyList<MicroBenchmark> All() =>
    [
        // Dense convolutions: compute-bound at every size; the last has little parallel work (14x14x16 outputs).
        Conv("conv_3x3_64c_56", 64, 56, 3, 2, "dense 3x3 conv, 64->64 channels at 56x56: large, compute-bound (ResNet stage 1)"),
        Conv("conv_1x1_256c_14", 256, 14, 1, 4, "pointwise 1x1 conv, 256->256 channels at 14x14: medium, compute-bound"),
        Conv("conv_3x3_16c_14", 16, 14, 3, 8, "dense 3x3 conv, 16->16 channels at 14x14: small parallel work"),
        // Kernels the thread pool splits that do almost nothing: their time beyond the tiny-Relu cost is the parallel
        // dispatch cost (waking and joining the workers), which single-threaded tiny kernels never pay.
        Conv(ParallelCostId, 16, 16, 1, 64, "pointwise 1x1 conv, 16->16 channels at 16x16 (4096 outputs, 0.13 MFLOP): the fixed cost of a kernel split across threads"),
        // What models run besides the ResNet shapes: 1x1 convs on large activations (MobileNet expansions), strided
        // convs (every stage's first) and small-spatial convs with many channels (the last stages).
        Conv("conv_1x1_32to192c_56", 32, 56, 1, 1, "pointwise 1x1 conv, 32->192 channels at 56x56: large activations, few FLOPs per byte (MobileNet expansion)", outChannels: 192),
        Conv("conv_3x3s2_64to128c_56", 64, 56, 3, 1, "dense 3x3 conv stride 2, 64->128 channels from 56x56 to 28x28 (a stage's first conv)", outChannels: 128, stride: 2),
        Conv("conv_3x3_256c_7", 256, 7, 3, 4, "dense 3x3 conv, 256->256 channels at 7x7: small spatial size, many channels"),
        // Shallow products (few MACs per output) spend more of their time on each output's accumulators and epilogue:
        // a 1x1 conv from 16 channels (depth 16) and a 3-channel stem (depth 27) pin the epilogue cost down.
        Conv("conv_1x1_16to96c_112", 16, 112, 1, 1, "pointwise 1x1 conv, 16->96 channels at 112x112: a shallow product (16 MACs per output) on large activations", outChannels: 96),
        Conv("conv_3x3s2_3to32c_224", 3, 224, 3, 1, "dense 3x3 conv stride 2, 3->32 channels from 224x224 (an image stem: 27 MACs per output)", outChannels: 32, stride: 2),
        // Shallow products without reorders in between: 1x1 expansions and projections alternating in cache (an inverted
        // residual's pointwise pair, 16 and 96 MACs per output), and 1x1 convs of 32 channels (32 MACs per output).
        PointwisePair("conv_1x1_16to96to16c_28_x4", 16, 96, 28, 4, "pointwise 1x1 convs 16->96 then 96->16 at 28x28, four pairs chained: shallow products (16 and 96 MACs per output) in cache"),
        Conv("conv_1x1_32c_28", 32, 28, 1, 8, "pointwise 1x1 conv, 32->32 channels at 28x28: a shallow product (32 MACs per output) in cache"),
        // Depthwise: about 2 FLOPs per byte moved, memory-bound; small sizes show the per-kernel cost.
        Depthwise("dwconv_3x3_96c_112", 96, 112, 2, "depthwise 3x3 conv, 96 channels at 112x112: large, memory-bound (MobileNet stem)"),
        Depthwise("dwconv_3x3_240c_28", 240, 28, 4, "depthwise 3x3 conv, 240 channels at 28x28: medium"),
        Depthwise("dwconv_3x3_576c_7", 576, 7, 8, "depthwise 3x3 conv, 576 channels at 7x7: small parallel work"),
        // Channel counts off the 4-channel alignment keep a depthwise conv out of ONNX Runtime's NCHWc blocks (x86):
        // its generic path runs an im2col and a one-row GEMM per group.
        Depthwise("dwconv_3x3_58c_56", 58, 56, 2, "depthwise 3x3 conv, 58 channels at 56x56 (unblocked: 58 is not a multiple of 4)", "grouped_im2col"),
        Depthwise("dwconv_3x3_58c_28", 58, 28, 4, "depthwise 3x3 conv, 58 channels at 28x28 (unblocked)", "grouped_im2col"),
        Depthwise("dwconv_3x3_30c_14", 30, 14, 8, "depthwise 3x3 conv, 30 channels at 14x14 (unblocked): small", "grouped_im2col"),
        // Matrix products: square (compute-bound), BERT's projection shape, a matrix-vector product (streams the
        // weights: memory-bound) and a tiny one.
        MatMul("matmul_512x512x512", 512, 512, 2, "MatMul 512x512 by 512x512: large, compute-bound"),
        MatMul("matmul_128x768x768", 128, 768, 4, "MatMul 128x768 by 768x768: BERT-base projection, compute-bound"),
        MatMul("matvec_1x2048x2048", 1, 2048, 2, "MatMul 1x2048 by 2048x2048: streams 16 MiB of weights, memory-bound"),
        MatMul("matmul_64x64x64", 64, 64, 8, "MatMul 64x64 by 64x64: small parallel work"),
        // A transformer's feed-forward block as models run it: every product reads its own weights (9 MiB each, beyond
        // the cache), where the chains above reuse one cache-resident weight tensor.
        FeedForward("ffn_128x768x3072_x2", 128, 768, 3072, 2, "MatMul 128x768 by 768x3072 then by 3072x768, two pairs, each with its own 9 MiB of weights (BERT-base feed-forward)"),
        // Attention as exported (MatMul, scale, Softmax, MatMul), 12 heads of 64: sequence 128 and 16.
        Attention("attention_12h_128", 128, "scaled dot-product attention, 12 heads x 64, sequence 128 (BERT-base)"),
        Attention("attention_12h_16", 16, "scaled dot-product attention, 12 heads x 64, sequence 16: small"),
        // Elementwise: streaming from memory, from cache, a transcendental op, and tiny kernels (per-kernel cost).
        Unary("add_4m", "Add", [4 << 20], 2, "Add of two 4 Mi-element fp32 tensors: 48 MiB per kernel, DRAM bandwidth"),
        Unary("add_64k", "Add", [1 << 16], 8, "Add of two 64 Ki-element tensors: 768 KiB per kernel, cache bandwidth"),
        Unary("sigmoid_1m", "Sigmoid", [1 << 20], 4, "Sigmoid of 1 Mi elements: a transcendental per element"),
        // The same in cache (256 KiB in and out): its time is the transcendental's compute whatever the cache capacity
        // calibrate detects, so the elementwise compute efficiency is identified on a loaded or small-cache machine too.
        Unary("sigmoid_32k", "Sigmoid", [1 << 15], 16, "Sigmoid of 32 Ki elements, in cache: the cost of a transcendental per element"),
        Unary(KernelCostId, "Relu", [1, 16], KernelCostChain, "200 chained Relus on 16 elements: the fixed cost of a kernel"),
        Unary(RunCostId, "Relu", [1, 16], 1, "one Relu on 16 elements: the fixed cost of a run (subtracted from every probe)"),
        // Normalization and reductions.
        Softmax("softmax_1024x1000", 1024, 2, "Softmax over 1024 rows of 1000: large"),
        Softmax("softmax_1x1000", 1, 8, "Softmax over one row of 1000 (a classifier head): small"),
        LayerNorm("layernorm_128x768", "LayerNormalization over 128 rows of 768 (BERT-base)"),
        BatchNorm("batchnorm_64c_56", "BatchNormalization, 64 channels at 56x56, not folded into a conv"),
        // Pooling.
        Pool("maxpool_3x3_64c_112", "MaxPool", 64, 112, 2, "MaxPool 3x3 stride 1, 64 channels at 112x112: large, memory-bound"),
        Pool("avgpool_3x3_256c_14", "AveragePool", 256, 14, 4, "AveragePool 3x3 stride 1, 256 channels at 14x14: medium"),
        GlobalPool("globalavgpool_1280c_7", "GlobalAveragePool of 1280 channels at 7x7 (MobileNet/EfficientNet head): small"),
        // Data movement: no arithmetic, bytes in and out.
        Transpose("transpose_64c_112", "Transpose NCHW->NHWC of 64x112x112"),
        // Permutations ONNX Runtime copies element by element (two axes swap around a third, as an inner-axis Softmax
        // over a short axis does, e.g. a detection head's 16 box bins): beyond the cache, at its edge and inside it.
        StridedTranspose("transpose_strided_16x4x8192", 16, 4, 8192),
        StridedTranspose("transpose_strided_16x4x1024", 16, 4, 1024),
        StridedTranspose("transpose_strided_8x4x256", 8, 4, 256),
        Concat("concat_128c_56", "Concat of two distinct 128x56x56 tensors (the input and its Relu) along channels"),
        Resize("resize_2x_64c_56", "Resize nearest 2x of 64x56x56 (YOLO upsampling)"),
        Gather("gather_1024_of_4096x256", "Gather of 1024 rows of 256 from 4096 (an embedding lookup)"),
        Slice("slice_64_of_128c_56", "Slice of 64 of 128 channels at 56x56"),
        Pad("pad_64c_56", "Pad 64x56x56 by one pixel on each side"),
    ];

    private static MicroBenchmark Conv(string id, long c, long hw, long k, int chain, string measures, long? outChannels = null, long stride = 1)
    {
        // Chained only when the conv keeps its shape; otherwise one conv.
        var o = outChannels ?? c;
        var g = new ProbeGraph(id, [1, c, hw, hw]);
        var w = g.Floats("w", [o, c, k, k]);
        var b = g.Floats("b", [o]);
        var t = "x";
        for (var i = 0; i < chain; i++)
        {
            t = g.Op("Conv", [t, w, b], Attr("kernel_shape", k, k), Attr("pads", k / 2, k / 2, k / 2, k / 2), Attr("strides", stride, stride));
        }

        var side = ((hw + (2 * (k / 2)) - k) / stride) + 1;
        return new(id, "conv", chain > 1 ? $"{measures}; {chain} chained" : measures, g.Build([1, o, side, side]), g.Input);
    }

    private static MicroBenchmark PointwisePair(string id, long c, long wide, long hw, int pairs, string measures)
    {
        var g = new ProbeGraph(id, [1, c, hw, hw]);
        var expand = g.Floats("we", [wide, c, 1, 1]);
        var project = g.Floats("wp", [c, wide, 1, 1]);
        var t = "x";
        for (var i = 0; i < pairs; i++)
        {
            t = g.Op("Conv", [t, expand], Attr("kernel_shape", 1, 1));
            t = g.Op("Conv", [t, project], Attr("kernel_shape", 1, 1));
        }

        return new(id, "conv", measures, g.Build([1, c, hw, hw]), g.Input);
    }

    private static MicroBenchmark Depthwise(string id, long c, long hw, int chain, string measures, string kernelClass = "depthwise_conv")
    {
        var g = new ProbeGraph(id, [1, c, hw, hw]);
        var w = g.Floats("w", [c, 1, 3, 3]);
        var b = g.Floats("b", [c]);
        var t = "x";
        for (var i = 0; i < chain; i++)
        {
            t = g.Op("Conv", [t, w, b], Attr("group", c), Attr("kernel_shape", 3, 3), Attr("pads", 1, 1, 1, 1));
        }

        return new(id, kernelClass, $"{measures}; {chain} chained", g.Build([1, c, hw, hw]), g.Input);
    }

    private static MicroBenchmark MatMul(string id, long m, long n, int chain, string measures)
    {
        var g = new ProbeGraph(id, [m, n]);
        var w = g.Floats("w", [n, n]);
        var t = "x";
        for (var i = 0; i < chain; i++)
        {
            t = g.Op("MatMul", [t, w]);
        }

        return new(id, "gemm", $"{measures}; {chain} chained", g.Build([m, n]), g.Input);
    }

    private static MicroBenchmark FeedForward(string id, long m, long n, long hidden, int pairs, string measures)
    {
        var g = new ProbeGraph(id, [m, n]);
        var t = "x";
        for (var i = 0; i < pairs; i++)
        {
            t = g.Op("MatMul", [t, g.Floats($"up{i}", [n, hidden])]);
            t = g.Op("MatMul", [t, g.Floats($"down{i}", [hidden, n])]);
        }

        return new(id, "gemm", measures, g.Build([m, n]), g.Input);
    }

    private static MicroBenchmark Attention(string id, long sequence, string measures)
    {
        long[] shape = [1, 12, sequence, 64];
        var g = new ProbeGraph(id, shape);
        var scale = g.Floats("scale", [1], [0.125]);
        var keys = g.Op("Transpose", ["x"], Attr("perm", 0, 1, 3, 2));
        var scores = g.Op("MatMul", ["x", keys]);
        var scaled = g.Op("Mul", [scores, scale]);
        var weights = g.Op("Softmax", [scaled], Attr("axis", -1));
        g.Op("MatMul", [weights, "x"]);
        return new(id, "attention", measures, g.Build(shape), g.Input);
    }

    private static MicroBenchmark Unary(string id, string op, long[] shape, int chain, string measures)
    {
        var g = new ProbeGraph(id, shape);
        var b = op == "Add" ? g.Floats("b", shape) : null;
        var t = "x";
        for (var i = 0; i < chain; i++)
        {
            t = g.Op(op, b is null ? [t] : [t, b]);
        }

        return new(id, "elementwise", chain > 1 ? $"{measures}; {chain} chained" : measures, g.Build(shape), g.Input);
    }

    private static MicroBenchmark Softmax(string id, long rows, int chain, string measures)
    {
        var g = new ProbeGraph(id, [rows, 1000]);
        var t = "x";
        for (var i = 0; i < chain; i++)
        {
            t = g.Op("Softmax", [t], Attr("axis", -1));
        }

        return new(id, "normalization", $"{measures}; {chain} chained", g.Build([rows, 1000]), g.Input);
    }

    private static MicroBenchmark LayerNorm(string id, string measures)
    {
        const int Chain = 4;
        var g = new ProbeGraph(id, [1, 128, 768]);
        var scale = g.Floats("gamma", [768]);
        var bias = g.Floats("beta", [768]);
        var t = "x";
        for (var i = 0; i < Chain; i++)
        {
            t = g.Op("LayerNormalization", [t, scale, bias], Attr("axis", -1));
        }

        return new(id, "normalization", $"{measures}; {Chain} chained", g.Build([1, 128, 768]), g.Input);
    }

    private static MicroBenchmark BatchNorm(string id, string measures)
    {
        const int Chain = 2;
        var g = new ProbeGraph(id, [1, 64, 56, 56]);
        var ones = Enumerable.Repeat(1.0, 64).ToArray();
        string[] parameters = [g.Floats("scale", [64], ones), g.Floats("bias", [64]), g.Floats("mean", [64]), g.Floats("var", [64], ones)];
        var t = "x";
        for (var i = 0; i < Chain; i++)
        {
            t = g.Op("BatchNormalization", [t, .. parameters]);
        }

        return new(id, "normalization", $"{measures}; {Chain} chained", g.Build([1, 64, 56, 56]), g.Input);
    }

    private static MicroBenchmark Pool(string id, string op, long c, long hw, int chain, string measures)
    {
        var g = new ProbeGraph(id, [1, c, hw, hw]);
        var t = "x";
        for (var i = 0; i < chain; i++)
        {
            t = g.Op(op, [t], Attr("kernel_shape", 3, 3), Attr("pads", 1, 1, 1, 1));
        }

        return new(id, "pooling", $"{measures}; {chain} chained", g.Build([1, c, hw, hw]), g.Input);
    }

    private static MicroBenchmark GlobalPool(string id, string measures)
    {
        var g = new ProbeGraph(id, [1, 1280, 7, 7]);
        g.Op("GlobalAveragePool", ["x"]);
        return new(id, "pooling", measures, g.Build([1, 1280, 1, 1]), g.Input);
    }

    private static MicroBenchmark Transpose(string id, string measures)
    {
        var g = new ProbeGraph(id, [1, 64, 112, 112]);
        g.Op("Transpose", ["x"], Attr("perm", 0, 2, 3, 1));
        return new(id, "data_movement", measures, g.Build([1, 112, 112, 64]), g.Input);
    }

    private static MicroBenchmark StridedTranspose(string id, long a, long b, long c)
    {
        var g = new ProbeGraph(id, [1, a, b, c]);
        g.Op("Transpose", ["x"], Attr("perm", 0, 3, 2, 1));
        return new(id, "strided_copy", $"Transpose 1x{a}x{b}x{c} to 1x{c}x{b}x{a}: element by element", g.Build([1, c, b, a]), g.Input);
    }

    private static MicroBenchmark Concat(string id, string measures)
    {
        // Two distinct inputs, as in a model: Concat(x, x) reads one tensor twice, its second read from cache, and ran
        // at half the time of a Concat of two tensors of that size (measured here, 87-112 us against 170-330 us).
        var g = new ProbeGraph(id, [1, 128, 56, 56]);
        var other = g.Op("Relu", ["x"]);
        g.Op("Concat", ["x", other], Attr("axis", 1));
        return new(id, "data_movement", measures, g.Build([1, 256, 56, 56]), g.Input);
    }

    private static MicroBenchmark Resize(string id, string measures)
    {
        var g = new ProbeGraph(id, [1, 64, 56, 56]);
        var scales = g.Floats("scales", [4], [1, 1, 2, 2]);
        g.Op("Resize", ["x", string.Empty, scales], Attr("mode", "nearest"));
        return new(id, "data_movement", measures, g.Build([1, 64, 112, 112]), g.Input);
    }

    private static MicroBenchmark Gather(string id, string measures)
    {
        var g = new ProbeGraph(id, [4096, 256]);
        var rows = g.Ints("rows", Enumerable.Range(0, 1024).Select(i => (long)(i * 4)).ToArray());
        g.Op("Gather", ["x", rows], Attr("axis", 0));
        return new(id, "data_movement", measures, g.Build([1024, 256]), g.Input);
    }

    private static MicroBenchmark Slice(string id, string measures)
    {
        var g = new ProbeGraph(id, [1, 128, 56, 56]);
        g.Op("Slice", ["x", g.Ints("starts", [0]), g.Ints("ends", [64]), g.Ints("axes", [1])]);
        return new(id, "data_movement", measures, g.Build([1, 64, 56, 56]), g.Input);
    }

    private static MicroBenchmark Pad(string id, string measures)
    {
        var g = new ProbeGraph(id, [1, 64, 56, 56]);
        g.Op("Pad", ["x", g.Ints("pads", [0, 0, 1, 1, 0, 0, 1, 1])]);
        return new(id, "data_movement", measures, g.Build([1, 64, 58, 58]), g.Input);
    }
}
