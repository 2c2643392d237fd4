namespace FlopScope.Kernels.Runtimes;

/// <summary><c>torch-cudagraph</c>: PyTorch with the forward pass captured in a CUDA graph. The same kernels as eager
/// (no fusion beyond what the model has), replayed without host launch cost: only the GPU's back-to-back kernel gap
/// remains.</summary>
internal static class TorchCudaGraphRuntime
{
    public static RuntimeProfile Profile { get; } = TorchEagerRuntime.Profile with
    {
        Id = "torch-cudagraph",
        Name = "PyTorch with CUDA graphs (one kernel per op, no launch cost)",
        DeviceKinds = ["gpu"],
        KernelOverheadUs = new Dictionary<string, double> { ["gpu"] = 1 },
        Source = "NVIDIA, Getting Started with CUDA Graphs: replay removes the CPU launch; about 1 us per kernel remains on the GPU",
    };
}
