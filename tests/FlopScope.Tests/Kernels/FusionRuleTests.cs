using FlopScope.Kernels;
using FlopScope.Profiling;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Kernels;

/// <summary>One test per fusion rule of the built-in runtimes, on hand-built graphs with hand-computed traffic.</summary>
public sealed class FusionRuleTests
{
    // x, r: 1x16x8x8 fp32 = 4,096 bytes each; w: 16x16x3x3 fp32 = 9,216 bytes.
    private static TestGraph ConvInput() => new TestGraph().Input("x", 1, 16, 8, 8).Weight("w", 16, 16, 3, 3);

    private static IReadOnlyList<Kernel> Detect(TestGraph graph, string runtime, params string[] outputs)
    {
        var profile = Profiler.Profile(graph.BuildModel(outputs));
        var profileRuntime = RuntimeCatalog.BuiltIn.Get(runtime);
        return KernelDetector.Detect(profile, profileRuntime with { Layout = null });
    }

    private static string Ops(IReadOnlyList<Kernel> kernels) => string.Join(" | ", kernels.Select(k => k.Op));

    [Fact]
    public void OrtCpuConvAbsorbsResidualAddAndReluAndMovesOnlyWhatEntersAndLeaves()
    {
        var graph = ConvInput().Input("r", 1, 16, 8, 8)
            .Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 }))
            .Node("Add", ["c", "r"], ["a"]).Node("Relu", ["a"], ["y"]);

        var kernel = Assert.Single(Detect(graph, "ort-cpu", "y"));

        Assert.Equal("Conv+Add+Relu", kernel.Op);
        Assert.Equal("conv-add-activation", kernel.Rule);
        Assert.Equal(KernelClass.Conv, kernel.Class);
        Assert.Equal(4096 + 9216 + 4096, kernel.BytesRead);
        Assert.Equal(4096, kernel.BytesWritten);
        Assert.Equal([0, 1, 2], kernel.Nodes);
    }

    [Theory]
    [InlineData("Clip")]
    [InlineData("HardSwish")]
    [InlineData("Sigmoid")]
    [InlineData("HardSigmoid")]
    public void OrtCpuConvAbsorbsItsActivation(string activation)
    {
        var graph = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node(activation, ["c"], ["y"]);

        Assert.Equal("Conv+" + activation, Ops(Detect(graph, "ort-cpu", "y")));
    }

    [Theory]
    [InlineData("Clip", 8192)]
    [InlineData("Sigmoid", 8192)]
    [InlineData("HardSigmoid", 8192)]
    [InlineData("HardSwish", 8192)]
    [InlineData("Relu", 0)]
    public void OrtCpuConvAppliesEveryActivationButReluInASecondPassOverItsOutput(string activation, long passBytes)
    {
        // MLAS applies Relu inside the convolution kernel and the others over each output row afterwards: the pass reads
        // and writes the 1x16x8x8 fp32 output (4,096 bytes) once more.
        var graph = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node(activation, ["c"], ["y"]);

        Assert.Equal(passBytes, Assert.Single(Detect(graph, "ort-cpu", "y")).PassBytes);
    }

    [Fact]
    public void ActivationPassesBelongToTheRuleNotToTheActivation()
    {
        // A standalone Clip is its own kernel (no pass), and TensorRT applies a fused Clip in the kernel's epilogue.
        var alone = new TestGraph().Input("x", 1, 16, 8, 8).Node("Clip", ["x"], ["y"]);
        var fused = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Clip", ["c"], ["y"]);

        Assert.Equal(0, Assert.Single(Detect(alone, "ort-cpu", "y")).PassBytes);
        Assert.Equal(0, Assert.Single(Detect(fused, "tensorrt", "y")).PassBytes);
    }

    [Fact]
    public void ATensorReadTwiceIsNotFusedAway()
    {
        var graph = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 }))
            .Node("Relu", ["c"], ["y"]).Node("Sigmoid", ["c"], ["z"]);

        Assert.Equal("Conv | Relu | Sigmoid", Ops(Detect(graph, "ort-cpu", "y", "z")));
    }

    [Fact]
    public void AGraphOutputIsNotFusedAway()
    {
        var graph = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Relu", ["c"], ["y"]);

        Assert.Equal("Conv | Relu", Ops(Detect(graph, "ort-cpu", "c", "y")));
    }

    [Fact]
    public void SiluIsOneKernelOnOrtCpuAndJoinsTheConvOnTensorRt()
    {
        var graph = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 }))
            .Node("Sigmoid", ["c"], ["s"]).Node("Mul", ["c", "s"], ["y"]);

        Assert.Equal("Conv | Sigmoid+Mul", Ops(Detect(graph, "ort-cpu", "y")));
        Assert.Equal("Conv+Sigmoid+Mul", Ops(Detect(graph, "tensorrt", "y")));
        Assert.Equal("Conv | Sigmoid | Mul", Ops(Detect(graph, "torch-eager", "y")));
    }

    [Fact]
    public void BatchNormAndActivationBecomeOneKernelOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 1, 16, 8, 8).Weight("g", 16).Weight("b", 16).Weight("m", 16).Weight("v", 16)
            .Node("BatchNormalization", ["x", "g", "b", "m", "v"], ["n"]).Node("Relu", ["n"], ["y"]);

        var kernel = Assert.Single(Detect(graph, "ort-cpu", "y"));

        Assert.Equal("batchnorm-activation", kernel.Rule);
    }

    [Fact]
    public void ResidualAddJoinsTheConvThatProducesItsFirstInput()
    {
        // Both Add inputs come from a convolution used once; ONNX Runtime fuses the sum into the first input's producer.
        var graph = ConvInput().Weight("w2", 16, 16, 1, 1)
            .Node("Conv", ["x", "w2"], ["down"])
            .Node("Conv", ["x", "w"], ["main"], ("pads", new[] { 1, 1, 1, 1 }))
            .Node("Add", ["main", "down"], ["y"]);

        Assert.Equal("Conv | Conv+Add", Ops(Detect(graph, "ort-cpu", "y")));
    }

    [Fact]
    public void DecomposedGeluIsOneKernel()
    {
        var graph = new TestGraph().Input("x", 1, 128, 768).Floats("sqrt2", [1.4142135], []).Floats("one", [1], []).Floats("half", [0.5], [])
            .Node("Div", ["x", "sqrt2"], ["d"]).Node("Erf", ["d"], ["e"]).Node("Add", ["e", "one"], ["p"])
            .Node("Mul", ["x", "p"], ["m"]).Node("Mul", ["m", "half"], ["y"]);

        var kernel = Assert.Single(Detect(graph, "ort-cpu", "y"));

        Assert.Equal("gelu", kernel.Rule);
        Assert.Equal(KernelClass.Elementwise, kernel.Class);
        Assert.Equal(2 * 128 * 768 * 4 + 3 * 4, kernel.TotalBytes);
    }

    [Fact]
    public void DecomposedLayerNormIsOneNormalizationKernel()
    {
        var graph = new TestGraph().Input("x", 1, 128, 768).Floats("two", [2], []).Floats("eps", [1e-5], []).Weight("gamma", 768).Weight("beta", 768)
            .Node("ReduceMean", ["x"], ["mean"], ("axes", new[] { -1 })).Node("Sub", ["x", "mean"], ["c"])
            .Node("Pow", ["c", "two"], ["sq"]).Node("ReduceMean", ["sq"], ["var"], ("axes", new[] { -1 }))
            .Node("Add", ["var", "eps"], ["ve"]).Node("Sqrt", ["ve"], ["sd"]).Node("Div", ["c", "sd"], ["n"])
            .Node("Mul", ["n", "gamma"], ["s"]).Node("Add", ["s", "beta"], ["y"]);

        var kernel = Assert.Single(Detect(graph, "ort-cpu", "y"));

        Assert.Equal("layernorm", kernel.Rule);
        Assert.Equal(KernelClass.Normalization, kernel.Class);
    }

    [Fact]
    public void DecomposedRmsNormAndSoftmaxFuseOnTensorRt()
    {
        var graph = new TestGraph().Input("x", 1, 128, 768).Floats("two", [2], []).Floats("eps", [1e-6], []).Weight("gamma", 768)
            .Node("Pow", ["x", "two"], ["sq"]).Node("ReduceMean", ["sq"], ["ms"], ("axes", new[] { -1 }))
            .Node("Add", ["ms", "eps"], ["mse"]).Node("Sqrt", ["mse"], ["rms"]).Node("Div", ["x", "rms"], ["n"])
            .Node("Mul", ["n", "gamma"], ["r"])
            .Node("ReduceMax", ["r"], ["mx"], ("axes", new[] { -1 })).Node("Sub", ["r", "mx"], ["sh"]).Node("Exp", ["sh"], ["ex"])
            .Node("ReduceSum", ["ex"], ["sum"], ("axes", new[] { -1 })).Node("Div", ["ex", "sum"], ["y"]);

        var kernels = Detect(graph, "tensorrt", "y");

        Assert.Equal(["rmsnorm", "softmax"], kernels.Select(k => k.Rule));
    }

    [Fact]
    public void AttentionIsOneKernelWhereTheRuntimeFusesIt()
    {
        var graph = new TestGraph().Input("q", 1, 12, 128, 64).Input("kt", 1, 12, 64, 128).Input("v", 1, 12, 128, 64).Floats("scale", [8], [])
            .Node("MatMul", ["q", "kt"], ["s"]).Node("Div", ["s", "scale"], ["ss"]).Node("Softmax", ["ss"], ["p"], ("axis", -1))
            .Node("MatMul", ["p", "v"], ["y"]);

        var fused = Assert.Single(Detect(graph, "tensorrt", "y"));

        Assert.Equal(KernelClass.Attention, fused.Class);
        // What enters and leaves: Q, K^T, V and the output (4 x 393,216 bytes) + the scale; never the 12x128x128 scores.
        Assert.Equal((4 * 12 * 128 * 64 * 4) + 4, fused.TotalBytes);
        Assert.Equal("MatMul+Div | Softmax | MatMul", Ops(Detect(graph, "ort-cpu", "y")));
    }

    [Fact]
    public void ElementwiseChainsAreOneKernelOnTensorRtOnly()
    {
        var graph = new TestGraph().Input("x", 1, 1024).Input("b", 1, 1024)
            .Node("Add", ["x", "b"], ["a"]).Node("Mul", ["a", "a"], ["m"]).Node("Relu", ["m"], ["y"]);

        Assert.Equal("Add+Mul+Relu", Ops(Detect(graph, "tensorrt", "y")));
        Assert.Equal("Add | Mul | Relu", Ops(Detect(graph, "ort-cpu", "y")));
    }

    [Fact]
    public void ViewsAreKernelsOnOrtCpuAndVanishOnTensorRt()
    {
        var graph = new TestGraph().Input("x", 2, 8).Ints("shape", [16]).Ints("shape2", [4, 4])
            .Node("Relu", ["x"], ["r"]).Node("Reshape", ["r", "shape"], ["f"]).Node("Identity", ["f"], ["i"]).Node("Sigmoid", ["i"], ["y"]);

        var ort = Detect(graph, "ort-cpu", "y");
        Assert.Equal("Relu | Reshape | Sigmoid", Ops(ort));
        Assert.Equal(0, ort[1].TotalBytes);
        Assert.Equal("view", ort[1].Rule);
        Assert.Equal("Relu+Sigmoid", Ops(Detect(graph, "tensorrt", "y")));
    }

    [Fact]
    public void ConsecutiveReshapesAreOneViewKernelOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 2, 8).Ints("s1", [16]).Ints("s2", [4, 4])
            .Node("Relu", ["x"], ["r"]).Node("Reshape", ["r", "s1"], ["f"]).Node("Reshape", ["f", "s2"], ["g"]).Node("Sigmoid", ["g"], ["y"]);

        Assert.Equal("Relu | Reshape+Reshape | Sigmoid", Ops(Detect(graph, "ort-cpu", "y")));
    }

    [Fact]
    public void MatMulWithBiasOnAThreeDimensionalInputIsGemmBetweenTwoReshapesOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 1, 128, 768).Weight("w", 768, 768).Weight("b", 768)
            .Node("MatMul", ["x", "w"], ["m"]).Node("Add", ["m", "b"], ["y"]);

        var kernels = Detect(graph, "ort-cpu", "y");

        Assert.Equal("MatMul+Add | Reshape | Reshape", Ops(kernels));
        Assert.Equal(KernelClass.Gemm, kernels[0].Class);
    }

    [Fact]
    public void MatMulScaleBecomesOneKernelOnOrtCpu()
    {
        var graph = new TestGraph().Input("a", 12, 128, 64).Input("b", 12, 64, 128).Floats("s", [0.125], [])
            .Node("MatMul", ["a", "b"], ["m"]).Node("Mul", ["m", "s"], ["y"]);

        Assert.Equal("matmul-scale", Assert.Single(Detect(graph, "ort-cpu", "y")).Rule);
    }

    [Fact]
    public void SlicesOfOneTensorAreOneSplitKernelOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 1, 8, 4).Ints("s0", [0]).Ints("e0", [4]).Ints("s1", [4]).Ints("e1", [8]).Ints("ax", [1])
            .Node("Relu", ["x"], ["r"])
            .Node("Slice", ["r", "s0", "e0", "ax"], ["a"]).Node("Slice", ["r", "s1", "e1", "ax"], ["b"]);

        var kernels = Detect(graph, "ort-cpu", "a", "b");

        Assert.Equal("Relu | Slice+Slice", Ops(kernels));
        Assert.Equal(KernelClass.DataMovement, kernels[1].Class);
    }

    [Fact]
    public void StandaloneHardSwishRunsAsTwoKernelsOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 1, 1280).Node("HardSwish", ["x"], ["y"]);

        Assert.Equal("HardSigmoid | HardSwish", Ops(Detect(graph, "ort-cpu", "y")));
    }

    [Fact]
    public void NodesOfStoredInputsAreFoldedExceptInEagerPyTorch()
    {
        var graph = new TestGraph().Input("x", 1, 16).Weight("w", 1, 16).Weight("v", 1, 16)
            .Node("Add", ["w", "v"], ["c"]).Node("Mul", ["x", "c"], ["y"]);

        Assert.Equal("Mul", Ops(Detect(graph, "ort-cpu", "y")));
        Assert.Equal("Add | Mul", Ops(Detect(graph, "torch-eager", "y")));
    }

    [Fact]
    public void ARuntimeTableCanBeOverriddenLikeTheOperatorRegistry()
    {
        var graph = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Relu", ["c"], ["y"]);
        var eager = RuntimeCatalog.BuiltIn.Get("torch-eager");
        var compiled = eager with
        {
            Id = "torch-compile-test",
            Rules = [new FusionRule { Id = "conv-relu", Anchor = ["Conv"], Steps = [new FusionStep(["Relu"])], Source = "test" }],
        };
        var catalog = RuntimeCatalog.BuiltIn.With(compiled);

        var kernels = KernelDetector.Detect(Profiler.Profile(graph.BuildModel("y")), catalog.Get("torch-compile-test"));

        Assert.Equal("Conv+Relu", Ops(kernels));
        Assert.Equal("conv-relu", kernels[0].Rule);
        Assert.Equal("Conv | Relu", Ops(Detect(graph, "torch-eager", "y")));
    }

    [Fact]
    public void GemmAbsorbsItsActivationOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 1, 512).Weight("w", 512, 10).Weight("b", 10)
            .Node("Gemm", ["x", "w", "b"], ["g"]).Node("Relu", ["g"], ["y"]);

        Assert.Equal("gemm-activation", Assert.Single(Detect(graph, "ort-cpu", "y")).Rule);
    }

    [Fact]
    public void ResidualAddAndLayerNormalizationAreOneSkipLayerNormOnOrtCpu()
    {
        var graph = new TestGraph().Input("x", 1, 128, 768).Input("r", 1, 128, 768).Weight("gamma", 768).Weight("beta", 768)
            .Node("Add", ["x", "r"], ["s"]).Node("LayerNormalization", ["s", "gamma", "beta"], ["y"], ("axis", -1));

        var kernel = Assert.Single(Detect(graph, "ort-cpu", "y"));

        Assert.Equal("skip-layernorm", kernel.Rule);
        Assert.Equal((3 * 128 * 768 * 4) + (2 * 768 * 4), kernel.TotalBytes);
    }

    [Fact]
    public void BiasAddAndGeluAreOneKernelOnOrtCuda()
    {
        var graph = new TestGraph().Input("x", 1, 128, 3072).Weight("bias", 3072)
            .Floats("sqrt2", [1.4142135], []).Floats("one", [1], []).Floats("half", [0.5], [])
            .Node("Add", ["x", "bias"], ["h"])
            .Node("Div", ["h", "sqrt2"], ["d"]).Node("Erf", ["d"], ["e"]).Node("Add", ["e", "one"], ["p"])
            .Node("Mul", ["h", "p"], ["m"]).Node("Mul", ["m", "half"], ["y"]);

        Assert.Equal("bias-gelu", Assert.Single(Detect(graph, "ort-cuda", "y")).Rule);
    }

    [Fact]
    public void TensorRtFoldsBatchNormResidualAndReluIntoTheConv()
    {
        var graph = ConvInput().Input("r", 1, 16, 8, 8).Weight("g", 16).Weight("b", 16).Weight("m", 16).Weight("v", 16)
            .Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 }))
            .Node("BatchNormalization", ["c", "g", "b", "m", "v"], ["n"])
            .Node("Add", ["n", "r"], ["a"]).Node("Relu", ["a"], ["y"]);

        var kernel = Assert.Single(Detect(graph, "tensorrt", "y"));

        Assert.Equal("Conv+BatchNormalization+Add+Relu", kernel.Op);
        Assert.Equal(4096 + 9216 + (4 * 16 * 4) + 4096 + 4096, kernel.TotalBytes);
    }

    [Fact]
    public void TfliteFusesOnlyItsFusedActivationFunctions()
    {
        var relu = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Relu", ["c"], ["y"]);
        var sigmoid = ConvInput().Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Sigmoid", ["c"], ["y"]);

        Assert.Equal("Conv+Relu", Ops(Detect(relu, "tflite", "y")));
        Assert.Equal("Conv | Sigmoid", Ops(Detect(sigmoid, "tflite", "y")));
    }

    [Fact]
    public void DepthwiseConvolutionHasItsOwnClass()
    {
        var graph = new TestGraph().Input("x", 1, 16, 8, 8).Weight("w", 16, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], ("group", 16), ("pads", new[] { 1, 1, 1, 1 }));

        Assert.Equal(KernelClass.DepthwiseConv, Assert.Single(Detect(graph, "ort-cpu", "y")).Class);
    }

    [Fact]
    public void ADepthwiseConvolutionOffTheChannelAlignmentRunsTheGenericGroupedPath()
    {
        // 58 channels (not a multiple of 4) stay out of the NCHWc blocks: im2col + GEMM per group. 64 channels run blocked
        // between a reorder in and a reorder out.
        static IReadOnlyList<Kernel> Depthwise(long c) => KernelDetector.Detect(Profiler.Profile(new TestGraph().Input("x", 1, c, 28, 28).Weight("w", c, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], ("group", c), ("pads", new[] { 1, 1, 1, 1 })).BuildModel("y")), RuntimeCatalog.BuiltIn.Get("ort-cpu"));

        Assert.Equal(KernelClass.GroupedIm2Col, Assert.Single(Depthwise(58)).Class);
        Assert.Equal("ReorderInput | Conv | ReorderOutput", Ops(Depthwise(64)));
        Assert.Equal(KernelClass.DepthwiseConv, Depthwise(64)[1].Class);
    }

    [Fact]
    public void NchwcInsertsOneReorderPerTensorLeavingTheBlockedRegion()
    {
        // The graph input (16 channels) is reordered into the blocked Conv; Conv+Relu and Sigmoid stay blocked;
        // Flatten and Transpose read plain NCHW: one ReorderOutput for s, shared.
        var graph = ConvInput().Ints("perm", [0, 2, 3, 1])
            .Node("Conv", ["x", "w"], ["c"], ("pads", new[] { 1, 1, 1, 1 })).Node("Relu", ["c"], ["r"]).Node("Sigmoid", ["r"], ["s"])
            .Node("Flatten", ["s"], ["f"]).Node("Transpose", ["s"], ["t"], ("perm", new[] { 0, 2, 3, 1 }));

        var kernels = KernelDetector.Detect(Profiler.Profile(graph.BuildModel("f", "t")), RuntimeCatalog.BuiltIn.Get("ort-cpu"));

        Assert.Equal("ReorderInput | Conv+Relu | Sigmoid | ReorderOutput | Flatten | Transpose", Ops(kernels));
        Assert.Equal(2 * 4096, kernels[3].TotalBytes);
        Assert.Empty(kernels[3].Nodes);
    }

    [Fact]
    public void BlockedKernelsComputeAndMoveTheirChannelsPaddedToWholeBlocks()
    {
        // ort-cpu's blocks of 16: a 1x1 conv 24 -> 24 at 8x8 runs on 32 input and 32 output channels. Model figures:
        // 64 x 24 x 24 MACs = 73,728 FLOPs + 1,536 for the Relu; reads x (6,144 bytes) and w (2,304), writes 6,144.
        // Padded: FLOPs x (32/24)^2, bytes read x 32/24 (input side), bytes written x 32/24.
        static Kernel Conv(long c) => KernelDetector.Detect(Profiler.Profile(new TestGraph().Input("x", 1, c, 8, 8).Weight("w", c, c, 1, 1)
            .Node("Conv", ["x", "w"], ["c"]).Node("Relu", ["c"], ["y"]).BuildModel("y")), RuntimeCatalog.BuiltIn.Get("ort-cpu")).Single(k => k.Op == "Conv+Relu");

        var padded = Conv(24);
        var aligned = Conv(32);

        Assert.Equal((long)Math.Round((73_728 + 1_536) * 16 / 9.0), padded.Flops);
        Assert.Equal((6_144 + 2_304) * 4 / 3, padded.BytesRead);
        Assert.Equal(6_144 * 4 / 3, padded.BytesWritten);
        Assert.Equal((2 * 64 * 32 * 32) + (64 * 32), aligned.Flops);
    }

    [Fact]
    public void AConvolutionReadingFewerChannelsThanABlockPadsOnlyItsOutput()
    {
        // A 3 -> 24 channel 3x3 stem reads the plain NCHW input: only its 24 output channels are padded to 32.
        var graph = new TestGraph().Input("x", 1, 3, 8, 8).Weight("w", 24, 3, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], ("pads", new[] { 1, 1, 1, 1 }));

        var conv = KernelDetector.Detect(Profiler.Profile(graph.BuildModel("y")), RuntimeCatalog.BuiltIn.Get("ort-cpu")).Single(k => k.Op == "Conv");

        Assert.Equal(2L * 64 * 24 * 27 * 4 / 3, conv.Flops);
        Assert.Equal(64 * 24 * 4 * 4 / 3, conv.BytesWritten);
        Assert.Equal((64 * 3 * 4) + (24 * 27 * 4), conv.BytesRead);
    }
}
