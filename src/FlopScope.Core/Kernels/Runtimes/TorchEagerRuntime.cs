namespace FlopScope.Kernels.Runtimes;

/// <summary><c>torch-eager</c>: PyTorch eager mode. Every op of the model is its own kernel launch (the exporter already
/// folded BatchNorm into Conv); views are free; each launch pays the framework's dispatch cost.</summary>
internal static class TorchEagerRuntime
{
    /// <summary>ONNX Runtime FP32 over PyTorch FP32 on a Raspberry Pi 5 CPU: median speed-up 1.57x over 48 models
    /// (range 0.92-2.49x; visionanalysis.org, "ONNX FP32 vs PyTorch FP32 on Raspberry Pi 5"). PyTorch's CPU
    /// convolutions and matrix products reach 1/1.57 of the efficiency of ONNX Runtime's (the catalogue's CPU
    /// figures describe ONNX Runtime's MLAS kernels); docs/estimator.md, "PyTorch eager on CPUs".</summary>
    public const double CpuDenseRelative = 1 / 1.57;

    /// <summary>Eager convolutions on a CPU go through oneDNN (PyTorch's <c>ConvParams::use_mkldnn</c>) with plain NCHW
    /// activations and OIHW weights, so every call reorders input, weights and output into oneDNN's layout and back:
    /// "3 reorder + conv" (pytorch/pytorch#35937); weights are reordered ahead of time only for frozen models
    /// (pytorch/pytorch#51483); on AArch64 the Arm Compute Library's NHWC and fixed-format weights need the same
    /// reorders (oneDNN #1713, #1138). docs/estimator.md, "PyTorch eager on CPUs: per-call reorders".</summary>
    public static CallReorderRule CpuConvReorders { get; } = new()
    {
        Classes = new HashSet<KernelClass> { KernelClass.Conv, KernelClass.DepthwiseConv },
        Source = "aten/src/ATen/native/Convolution.cpp (use_mkldnn); pytorch/pytorch#35937, #51483; oneDNN #359, #1138, #1713",
    };

    public static RuntimeProfile Profile { get; } = new()
    {
        Id = "torch-eager",
        Name = "PyTorch eager (one kernel per op, no fusion)",
        DeviceKinds = ["gpu", "cpu"],
        RemovedOps = ["Identity", "Dropout"],
        FoldsConstants = false,
        KernelOverheadUs = new Dictionary<string, double> { ["gpu"] = 20, ["cpu"] = 10 },
        Classes = RuntimeDefaults.Classes,
        ClassesByKind = new Dictionary<string, IReadOnlyDictionary<KernelClass, ClassEfficiency>>
        {
            ["cpu"] = RuntimeDefaults.Classes.ToDictionary(
                kv => kv.Key,
                kv => kv.Key is KernelClass.Conv or KernelClass.DepthwiseConv or KernelClass.Gemm
                    ? new ClassEfficiency(kv.Value.ComputeEfficiency * CpuDenseRelative, kv.Value.MemoryEfficiency)
                    : kv.Value),
        },
        CallReordersByKind = new Dictionary<string, CallReorderRule> { ["cpu"] = CpuConvReorders },
        TileElements = RuntimeDefaults.GpuTiles,
        Source = "PyTorch dispatcher + CUDA launch: about 10-35 us per op measured from Python (docs/estimator.md)",
    };
}
