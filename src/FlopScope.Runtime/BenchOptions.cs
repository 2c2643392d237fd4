using FlopScope.Errors;
using FlopScope.Profiling;

namespace FlopScope.Runtime;

/// <summary>Options of a benchmark. Every member has a documented default.</summary>
public sealed record BenchOptions
{
    /// <summary>Default number of timed runs when neither <see cref="Runs"/> nor <see cref="Duration"/> is set.</summary>
    public const int DefaultRuns = 100;

    /// <summary>Default time budget of the timed runs when neither <see cref="Runs"/> nor <see cref="Duration"/> is set.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);

    /// <summary>Input sizes (as for a static profile) and the counting convention of the FLOPs. Default: the model's own
    /// sizes.</summary>
    public ProfileOptions Profile { get; init; } = new();

    /// <summary>Untimed runs before timing. Default: 5.</summary>
    public int Warmup { get; init; } = 5;

    /// <summary>Timed runs. Default: null. When only <see cref="Runs"/> is set, exactly that many runs; when both are
    /// set, whichever ends first; when neither, <see cref="DefaultRuns"/> runs or <see cref="DefaultDuration"/>,
    /// whichever ends first. At least one run is always made.</summary>
    public int? Runs { get; init; }

    /// <summary>Time budget of the timed runs. Default: null (see <see cref="Runs"/>).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Intra-op threads. Default: null (ONNX Runtime's choice: one per physical core).</summary>
    public int? Threads { get; init; }

    /// <summary>Graph optimization level. Default: <see cref="GraphOptimization.All"/> (ONNX Runtime's default).</summary>
    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    /// <summary>Execution provider: cpu, cuda, tensorrt, dml, coreml, openvino, xnnpack... Default: cpu.</summary>
    public string Provider { get; init; } = "cpu";

    /// <summary>Options of the execution provider, ONNX Runtime's own keys (e.g. device_id=0, gpu_mem_limit=2147483648
    /// for cuda; trt_fp16_enable=1 for tensorrt). Default: none.</summary>
    public IReadOnlyDictionary<string, string> ProviderOptions { get; init; } = new Dictionary<string, string>();

    /// <summary>Runs of the separate, profiled session that times each layer (0: no per-layer times). Default: 10.
    /// The profiled runs are never part of the latency statistics.</summary>
    public int LayerRuns { get; init; } = 10;

    /// <summary>Input tensors from files, by input name: <c>.npy</c>, <c>.pb</c> (TensorProto with raw_data) or
    /// <c>.raw</c> (little-endian bytes of the bound shape). Default: none (inputs are generated).</summary>
    public IReadOnlyDictionary<string, string> InputFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>A device to estimate the model on, so the report carries estimated next to measured time
    /// (<see cref="BenchReport.Estimate"/>). Default: null (no estimate).</summary>
    public Hardware.DeviceProfile? Device { get; init; }

    /// <summary>Seed of the generated inputs. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="FlopScopeException"/> when an option is out of range.</summary>
    public void Validate()
    {
        Profile.Validate();
        if (Warmup < 0)
        {
            throw new FlopScopeException($"--warmup must not be negative, got {Warmup}.");
        }

        if (Runs is < 1)
        {
            throw new FlopScopeException($"--runs must be at least 1, got {Runs}.");
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            throw new FlopScopeException($"--duration must be positive, got {d.TotalSeconds} s.");
        }

        if (Threads is < 0)
        {
            throw new FlopScopeException($"--threads must not be negative, got {Threads}.");
        }

        if (Threads > Safety.Limits.Current.Threads)
        {
            throw Safety.Limits.Exceeded("threads", $"--threads {Threads} is more than {Safety.Limits.Current.Threads} (spinning threads beyond the cores only thrash)");
        }

        if (LayerRuns < 0)
        {
            throw new FlopScopeException($"Layer runs must not be negative, got {LayerRuns}.");
        }
    }

    /// <summary>Skip the check that weights plus estimated activations fit the memory available. Default: false.</summary>
    public bool SkipMemoryCheck { get; init; }

    internal (int MaxRuns, TimeSpan MaxTime) Limits() => (Runs, Duration) switch
    {
        (null, null) => (DefaultRuns, DefaultDuration),
        ({ } r, null) => (r, TimeSpan.MaxValue),
        (null, { } d) => (int.MaxValue, d),
        ({ } r, { } d) => (r, d),
    };
}
