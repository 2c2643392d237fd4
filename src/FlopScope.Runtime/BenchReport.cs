using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlopScope.Runtime;

/// <summary>
/// The result of a benchmark: the machine and settings it ran under, latency statistics, throughput, memory, and
/// (when layers were timed) measured time next to every layer's FLOPs. Serializes to and from JSON
/// (<see cref="Serialize"/>, <see cref="Deserialize"/>) without loss.
/// </summary>
public sealed record BenchReport
{
    /// <summary>Schema id of the JSON document.</summary>
    public const string SchemaId = "flopscope.bench/1";

    /// <summary>Schema id.</summary>
    [JsonPropertyName("schema")]
    public string Schema { get; init; } = SchemaId;

    /// <summary>Model name.</summary>
    [JsonPropertyName("model")]
    public required string Model { get; init; }

    /// <summary>Machine and runtime settings.</summary>
    [JsonPropertyName("machine")]
    public required MachineInfo Machine { get; init; }

    /// <summary>Inputs fed to every run.</summary>
    [JsonPropertyName("inputs")]
    public required IReadOnlyList<BenchInput> Inputs { get; init; }

    /// <summary>Batch size (dimension 0 of the first input).</summary>
    [JsonPropertyName("batch")]
    public required long Batch { get; init; }

    /// <summary>Untimed warm-up runs made.</summary>
    [JsonPropertyName("warmup")]
    public required int Warmup { get; init; }

    /// <summary>Latency of the timed runs.</summary>
    [JsonPropertyName("latency")]
    public required LatencyStats Latency { get; init; }

    /// <summary>Inferences per second at the median latency.</summary>
    [JsonPropertyName("inferences_per_s")]
    public double InferencesPerSecond => Latency.MedianMs > 0 ? 1000.0 / Latency.MedianMs : 0;

    /// <summary>Items per second (inferences x batch) at the median latency.</summary>
    [JsonPropertyName("items_per_s")]
    public double ItemsPerSecond => InferencesPerSecond * Batch;

    /// <summary>Time to create the ONNX Runtime session (load, optimize, allocate), ms.</summary>
    [JsonPropertyName("session_creation_ms")]
    public required double SessionCreationMs { get; init; }

    /// <summary>Peak working set of the process after the timed runs, bytes.</summary>
    [JsonPropertyName("peak_memory_bytes")]
    public required long PeakMemoryBytes { get; init; }

    /// <summary>All arithmetic of one inference per the static profile.</summary>
    [JsonPropertyName("total_flops")]
    public required long TotalFlops { get; init; }

    /// <summary>Achieved GFLOP/s at the median latency.</summary>
    [JsonPropertyName("achieved_gflops")]
    public double AchievedGflops => Latency.MedianMs > 0 ? TotalFlops / (Latency.MedianMs * 1e6) : 0;

    /// <summary>True when Ctrl+C stopped the runs early: the figures cover the runs measured so far.</summary>
    [JsonPropertyName("interrupted")]
    public bool Interrupted { get; init; }

    /// <summary>Per-layer times, when layers were timed.</summary>
    [JsonPropertyName("layers")]
    public LayerTiming? Layers { get; init; }

    /// <summary>Estimated versus measured time, when a device profile was given.</summary>
    [JsonPropertyName("estimate")]
    public EstimateComparison? Estimate { get; init; }

    /// <summary>For an ONNX decoder benched with a prompt (<c>--prompt</c>): this document times the prefill, and this
    /// holds the decode step and the generation loop.</summary>
    [JsonPropertyName("phases")]
    public DecoderPhases? Phases { get; init; }

    /// <summary>The report as indented JSON.</summary>
    public string Serialize() => JsonSerializer.Serialize(this, BenchJsonContext.Default.BenchReport);

    /// <summary>Reads a report written by <see cref="Serialize"/>.</summary>
    /// <exception cref="Errors.FlopScopeException">Not a bench report.</exception>
    public static BenchReport Deserialize(string json)
    {
        try
        {
            var report = JsonSerializer.Deserialize(json, BenchJsonContext.Default.BenchReport);
            return report is { Schema: SchemaId } ? report : throw new Errors.FlopScopeException($"Not a {SchemaId} document.");
        }
        catch (JsonException e)
        {
            throw new Errors.FlopScopeException($"Malformed bench report: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}

/// <summary>The machine and runtime a benchmark ran on.</summary>
public sealed record MachineInfo
{
    /// <summary>CPU model (from /proc/cpuinfo on Linux).</summary>
    [JsonPropertyName("cpu")]
    public required string Cpu { get; init; }

    /// <summary>Logical processors.</summary>
    [JsonPropertyName("cores")]
    public required int Cores { get; init; }

    /// <summary>Operating system.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>Process architecture (x64, arm64).</summary>
    [JsonPropertyName("arch")]
    public required string Architecture { get; init; }

    /// <summary>.NET runtime.</summary>
    [JsonPropertyName("dotnet")]
    public required string DotNet { get; init; }

    /// <summary>ONNX Runtime version.</summary>
    [JsonPropertyName("ort_version")]
    public required string OrtVersion { get; init; }

    /// <summary>Execution provider used.</summary>
    [JsonPropertyName("provider")]
    public required string Provider { get; init; }

    /// <summary>Options given to the execution provider (ONNX Runtime's keys); empty when none.</summary>
    [JsonPropertyName("provider_options")]
    public IReadOnlyDictionary<string, string>? ProviderOptions { get; init; }

    /// <summary>File of the native ONNX Runtime library that ran the model ("bundled" when not found).</summary>
    [JsonPropertyName("ort_library")]
    public string? OrtLibrary { get; init; }

    /// <summary>The host the benchmark ran on when run remotely over SSH (as given to --host); null for a local run.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    /// <summary>Intra-op threads used: those asked for, else one per physical core available (ONNX Runtime's default).</summary>
    [JsonPropertyName("threads")]
    public required int Threads { get; init; }

    /// <summary>Graph optimization level.</summary>
    [JsonPropertyName("graph_optimization")]
    public required string GraphOptimization { get; init; }
}

/// <summary>One input fed to the model.</summary>
/// <param name="Name">Input name.</param>
/// <param name="DataType">Element type (ONNX name, e.g. float, int64).</param>
/// <param name="Shape">Shape.</param>
/// <param name="Source">How the values were made: "random [0, 30522)", "zeros", "file x.npy"...</param>
public sealed record BenchInput(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dtype")] string DataType,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape,
    [property: JsonPropertyName("source")] string Source);

/// <summary>Measured time per layer, op type and module, from ONNX Runtime's profiler, joined with the static FLOPs.</summary>
public sealed record LayerTiming
{
    /// <summary>Profiled runs the times are averaged over.</summary>
    [JsonPropertyName("runs")]
    public required int Runs { get; init; }

    /// <summary>Mean wall time of a profiled run (ONNX Runtime's model_run event), ms.</summary>
    [JsonPropertyName("run_ms")]
    public required double RunMs { get; init; }

    /// <summary>Mean sum of kernel times of a profiled run, ms (the rest is framework overhead between kernels).</summary>
    [JsonPropertyName("kernel_ms")]
    public required double KernelMs { get; init; }

    /// <summary>exact (kernels are the model's nodes) or mapped (fused or rewritten kernels mapped back to the set
    /// of original nodes they cover).</summary>
    [JsonPropertyName("attribution")]
    public required string Attribution { get; init; }

    /// <summary>How the times were attributed, in words.</summary>
    [JsonPropertyName("note")]
    public required string Note { get; init; }

    /// <summary>Every node of the main graph (static profile order), each exactly once.</summary>
    [JsonPropertyName("layers")]
    public required IReadOnlyList<LayerTime> Layers { get; init; }

    /// <summary>Executed kernels and the original nodes each covers.</summary>
    [JsonPropertyName("kernels")]
    public required IReadOnlyList<KernelTime> Kernels { get; init; }

    /// <summary>Totals per op type; a fused kernel counts under the joined op types it covers (Conv+Relu).</summary>
    [JsonPropertyName("by_op")]
    public required IReadOnlyList<GroupTime> ByOp { get; init; }

    /// <summary>Totals per module.</summary>
    [JsonPropertyName("by_module")]
    public required IReadOnlyList<GroupTime> ByModule { get; init; }
}

/// <summary>One original node with its FLOPs and measured time.</summary>
public sealed record LayerTime
{
    /// <summary>Index in the static profile.</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    /// <summary>Node name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Op type.</summary>
    [JsonPropertyName("op")]
    public required string Op { get; init; }

    /// <summary>Module.</summary>
    [JsonPropertyName("module")]
    public required string Module { get; init; }

    /// <summary>All arithmetic (static profile).</summary>
    [JsonPropertyName("total_flops")]
    public required long TotalFlops { get; init; }

    /// <summary>Mean time per run, ms; a kernel covering several nodes is split among them by FLOPs (evenly when
    /// none has FLOPs).</summary>
    [JsonPropertyName("time_ms")]
    public required double TimeMs { get; init; }

    /// <summary>The kernel this node ran in; null when the optimizer removed it (constant-folded or eliminated).</summary>
    [JsonPropertyName("kernel")]
    public string? Kernel { get; init; }

    /// <summary>True when the kernel covers other nodes too (fused).</summary>
    [JsonPropertyName("fused")]
    public bool Fused { get; init; }
}

/// <summary>One executed kernel.</summary>
public sealed record KernelTime
{
    /// <summary>Kernel (optimized node) name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Kernel op type, e.g. FusedConv.</summary>
    [JsonPropertyName("op")]
    public required string Op { get; init; }

    /// <summary>Mean time per run, ms.</summary>
    [JsonPropertyName("time_ms")]
    public required double TimeMs { get; init; }

    /// <summary>Indices (static profile) of the original nodes it covers.</summary>
    [JsonPropertyName("covers")]
    public required IReadOnlyList<int> Covers { get; init; }
}

/// <summary>Totals of a group of layers (op type or module).</summary>
public sealed record GroupTime
{
    /// <summary>Op type (Conv, Conv+Relu) or module.</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>Original nodes in the group.</summary>
    [JsonPropertyName("nodes")]
    public required int Nodes { get; init; }

    /// <summary>All arithmetic.</summary>
    [JsonPropertyName("total_flops")]
    public required long TotalFlops { get; init; }

    /// <summary>Mean time per run, ms.</summary>
    [JsonPropertyName("time_ms")]
    public required double TimeMs { get; init; }

    /// <summary>Share of the model's FLOPs (0-1).</summary>
    [JsonPropertyName("flops_share")]
    public required double FlopsShare { get; init; }

    /// <summary>Share of the kernel time (0-1).</summary>
    [JsonPropertyName("time_share")]
    public required double TimeShare { get; init; }

    /// <summary>Achieved GFLOP/s.</summary>
    [JsonPropertyName("gflops")]
    public double Gflops => TimeMs > 0 ? TotalFlops / (TimeMs * 1e6) : 0;
}
