using FlopScope.Hardware;
using FlopScope.Llm.KvCache;
using FlopScope.Llm.Phases;

namespace FlopScope.Llm;

/// <summary>
/// What <c>flopscope llm</c> reports, whatever the source (config.json, GGUF, ONNX decoder): the model's parameters and
/// stored weights, KV cache per token, and per device a generation estimate (time to first token, decode tokens/s,
/// memory, fit, bound), plus an optional context sweep. Estimates, not measurements.
/// </summary>
public sealed record LlmReport
{
    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary><c>config.json</c>, <c>gguf</c> or <c>onnx</c>.</summary>
    public required string SourceKind { get; init; }

    /// <summary>Architecture, when the source gives one (not for ONNX graphs).</summary>
    public LlmArchitecture? Architecture { get; init; }

    /// <summary>Parameters by part, when known from an architecture.</summary>
    public ParameterBreakdown? Parameters { get; init; }

    /// <summary>Stored parameters.</summary>
    public required long StoredParameters { get; init; }

    /// <summary>Stored weight bytes.</summary>
    public required long WeightBytes { get; init; }

    /// <summary>How the weights are stored (scheme or file).</summary>
    public required string WeightSource { get; init; }

    /// <summary>Bytes per format.</summary>
    public required IReadOnlyDictionary<string, long> WeightBytesByFormat { get; init; }

    /// <summary>KV cache storage name.</summary>
    public required string KvFormat { get; init; }

    /// <summary>KV cache bytes per token of context per sequence (before window caps).</summary>
    public required double KvBytesPerToken { get; init; }

    /// <summary>Prompt tokens.</summary>
    public required long Prompt { get; init; }

    /// <summary>Generated tokens.</summary>
    public required long Generate { get; init; }

    /// <summary>Concurrent sequences.</summary>
    public required long Batch { get; init; }

    /// <summary>One generation estimate per device.</summary>
    public required IReadOnlyList<GenerationEstimate> Devices { get; init; }

    /// <summary>Context sweep rows (empty without <c>--sweep</c>).</summary>
    public IReadOnlyList<LlmSweepRow> Sweep { get; init; } = [];

    /// <summary>Source notes.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A measured generation on this machine, when asked for (<c>--measure</c>).</summary>
    public LlmMeasurement? Measured { get; init; }

    /// <summary>Builds the report of <paramref name="model"/> on <paramref name="devices"/>.</summary>
    public static LlmReport Of(LlmModel model, IReadOnlyList<DeviceProfile> devices, LlmRunOptions options, long prompt, long generate, IReadOnlyList<long> sweep)
    {
        var rows = devices.Select(d => GenerationEstimate.Of(model, d, options, prompt, generate)).ToList();
        var sweepRows = sweep.SelectMany(context => devices.Select(d =>
        {
            var decode = PhaseEstimator.Decode(model, d, options, context);
            return new LlmSweepRow(context, d.Id, MemoryFit.Of(model, d, options, context, Math.Min(prompt, context)), decode);
        })).ToList();
        return new LlmReport
        {
            Model = model.Name,
            SourceKind = model.SourceKind,
            Architecture = model.Architecture,
            Parameters = model.Parameters,
            StoredParameters = model.Weights.Parameters,
            WeightBytes = model.Weights.Bytes,
            WeightSource = model.Weights.Source,
            WeightBytesByFormat = model.Weights.BytesByFormat,
            KvFormat = options.KvFormat.Name,
            KvBytesPerToken = KvCacheSize.BytesPerToken(model.Architecture, options.KvFormat),
            Prompt = prompt,
            Generate = generate,
            Batch = options.Batch,
            Devices = rows,
            Sweep = sweepRows,
            Notes = model.Notes,
        };
    }
}

/// <summary>One context length on one device: memory and the decode step there.</summary>
/// <param name="Context">Tokens of context per sequence.</param>
/// <param name="Device">Device id.</param>
/// <param name="Memory">Memory at that context.</param>
/// <param name="Decode">Decode of one token with that context cached.</param>
public sealed record LlmSweepRow(long Context, string Device, MemoryFit Memory, PhaseEstimate Decode);

/// <summary>A measured generation on this machine (ONNX Runtime), next to the estimates.</summary>
/// <param name="Runtime">What ran it (<c>onnxruntime 1.22 cpu, 2 threads</c>).</param>
/// <param name="Prompt">Prompt tokens.</param>
/// <param name="Generate">Generated tokens per run.</param>
/// <param name="PrefillMs">Median prefill time.</param>
/// <param name="DecodeMedianMs">Median decode step time.</param>
/// <param name="DecodeSteps">Decode steps timed.</param>
public sealed record LlmMeasurement(string Runtime, long Prompt, long Generate, double PrefillMs, double DecodeMedianMs, int DecodeSteps);
