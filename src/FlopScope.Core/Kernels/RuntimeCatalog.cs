using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Kernels.Runtimes;

namespace FlopScope.Kernels;

/// <summary>Runtimes by id: the built-in ones (one file each under Kernels/Runtimes) plus any a caller adds or
/// overrides with <see cref="With"/>.</summary>
public sealed class RuntimeCatalog
{
    private readonly Dictionary<string, RuntimeProfile> _runtimes;

    private RuntimeCatalog(IEnumerable<RuntimeProfile> runtimes) =>
        _runtimes = runtimes.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>The built-in runtimes: ort-cpu, ort-cuda, tensorrt, torch-eager, torch-cudagraph, tflite.</summary>
    public static RuntimeCatalog BuiltIn { get; } = new(
        [OrtCpuRuntime.Profile, OrtCudaRuntime.Profile, TensorRtRuntime.Profile, TorchEagerRuntime.Profile, TorchCudaGraphRuntime.Profile, TfliteRuntime.Profile]);

    /// <summary>All runtimes.</summary>
    public IReadOnlyCollection<RuntimeProfile> Runtimes => _runtimes.Values;

    /// <summary>This catalogue with <paramref name="runtime"/> added, or replacing the one with its id.</summary>
    public RuntimeCatalog With(RuntimeProfile runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var merged = new Dictionary<string, RuntimeProfile>(_runtimes, StringComparer.OrdinalIgnoreCase) { [runtime.Id] = runtime };
        return new RuntimeCatalog(merged.Values);
    }

    /// <summary>The runtime as it runs on <paramref name="device"/>: a blocked layout takes the device's block size, or
    /// is dropped when the device has none (<see cref="DeviceProfile.NchwcBlock"/>); per-call reorders apply on the
    /// kinds the runtime names them for, unless the device's <c>runtimes.&lt;id&gt;.call_reorders</c> is false.</summary>
    public static RuntimeProfile OnDevice(RuntimeProfile runtime, DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(device);
        // Per-call reorders follow the device's kind (PyTorch eager's oneDNN reorders happen on CPUs only), unless the
        // device's runtime section turns them off (a PyTorch build without oneDNN).
        var settings = RuntimeSettings.Of(device, runtime.Id);
        runtime = runtime with
        {
            CallReorders = settings?.CallReorders != false && runtime.CallReordersByKind.TryGetValue(device.Kind, out var reorders) ? reorders : null,
        };
        return runtime.Layout is { } layout
            ? runtime with { Layout = device.NchwcBlock is { } block ? layout with { BlockChannels = block } : null }
            : runtime;
    }

    /// <summary>The runtime with id <paramref name="id"/>; a one-line error listing the ids otherwise.</summary>
    public RuntimeProfile Get(string id) => _runtimes.TryGetValue(id.Trim(), out var runtime)
        ? runtime
        : throw new FlopScopeException($"Unknown runtime '{id}'; use one of {string.Join(", ", _runtimes.Keys)}.");

    /// <summary>The runtime <paramref name="device"/> is timed under: <paramref name="id"/> when given, else the device's
    /// usual runtime, else the first runtime for its kind. A runtime that does not run on the device's kind is refused.</summary>
    public RuntimeProfile For(DeviceProfile device, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        var chosen = id ?? device.Runtime;
        if (string.IsNullOrWhiteSpace(chosen))
        {
            return _runtimes.Values.Where(r => r.DeviceKinds.Contains(device.Kind, StringComparer.OrdinalIgnoreCase)).Select(r => OnDevice(r, device)).FirstOrDefault()
                ?? throw new FlopScopeException($"No runtime runs on device '{device.Id}' (kind {device.Kind}); name one with --runtime.");
        }

        var runtime = Get(chosen);
        return runtime.DeviceKinds.Contains(device.Kind, StringComparer.OrdinalIgnoreCase)
            ? OnDevice(runtime, device)
            : throw new FlopScopeException($"Runtime '{runtime.Id}' does not run on device '{device.Id}' (kind {device.Kind}; it runs on {string.Join(", ", runtime.DeviceKinds)}).");
    }
}
