using FlopScope.Hardware;

namespace FlopScope.Kernels;

/// <summary>
/// FP32 work on TF32 tensor cores (NVIDIA Ampere and later): which runtimes run which kernel classes at the
/// device's <c>tf32</c> peak when the model is judged at fp32 (docs/estimator.md, "TF32"). The defaults of the
/// libraries, not tuning: TensorRT builds with TF32 allowed unless the builder flag is cleared; cuDNN (ONNX Runtime's
/// CUDA provider, PyTorch) uses TF32 for FP32 convolutions by default (PyTorch: <c>torch.backends.cudnn.allow_tf32</c>
/// defaults to True), while PyTorch's matrix products stay FP32 (<c>torch.backends.cuda.matmul.allow_tf32</c>
/// defaults to False since 1.12). Devices without a <c>tf32</c> peak (pre-Ampere GPUs, CPUs) are unaffected.
/// </summary>
public static class Tf32Math
{
    /// <summary>Kernel classes computed on TF32 tensor cores per runtime id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<KernelClass>> Classes { get; } = new Dictionary<string, IReadOnlySet<KernelClass>>
    {
        ["tensorrt"] = new HashSet<KernelClass> { KernelClass.Conv, KernelClass.Gemm, KernelClass.Attention },
        ["ort-cuda"] = new HashSet<KernelClass> { KernelClass.Conv },
        ["torch-eager"] = new HashSet<KernelClass> { KernelClass.Conv },
        ["torch-cudagraph"] = new HashSet<KernelClass> { KernelClass.Conv },
    };

    /// <summary>Peak FLOP/s a kernel of <paramref name="kernelClass"/> computes at: the device's <c>tf32</c> peak for
    /// fp32 tensor-core classes of the runtime, else <see cref="DeviceProfile.PeakFlops"/> at the precision.</summary>
    public static double PeakFlops(DeviceProfile device, Precision precision, RuntimeProfile runtime, KernelClass kernelClass)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(runtime);
        if (precision == Precision.Fp32 && device.Kind == "gpu" && Classes.TryGetValue(runtime.Id, out var classes) && classes.Contains(kernelClass)
            && device.PeakTflops.TryGetValue("tf32", out var tf32) && tf32 > 0)
        {
            return tf32 * 1e12;
        }

        return device.PeakFlops(precision);
    }
}
