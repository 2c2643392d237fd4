namespace FlopScope.Kernels.Runtimes;

/// <summary><c>torch-eager</c>: PyTorch eager mode. Every op of the model is its own kernel launch (the exporter already
/// folded BatchNorm into Conv); views are free; each launch pays the framework's dispatch cost.</summary>
internal static class TorchEagerRuntime
{
    public static RuntimeProfile Profile { get; } = new()
    {
        Id = "torch-eager",
        Name = "PyTorch eager (one kernel per op, no fusion)",
        DeviceKinds = ["gpu", "cpu"],
        RemovedOps = ["Identity", "Dropout"],
        FoldsConstants = false,
        KernelOverheadUs = new Dictionary<string, double> { ["gpu"] = 20, ["cpu"] = 10 },
        Classes = RuntimeDefaults.Classes,
        TileElements = RuntimeDefaults.GpuTiles,
        Source = "PyTorch dispatcher + CUDA launch: about 10-35 us per op measured from Python (docs/estimator.md)",
    };
}
