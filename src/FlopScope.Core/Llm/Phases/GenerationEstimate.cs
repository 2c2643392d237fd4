using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Llm.KvCache;

namespace FlopScope.Llm.Phases;

/// <summary>
/// <c>--prompt P --generate N</c> on one device: prefill of P tokens gives the first token (time to first token), then
/// N - 1 decode steps at contexts P .. P + N - 2; memory at P + N tokens. Estimates, not measurements.
/// </summary>
public sealed record GenerationEstimate
{
    /// <summary>Largest N summed step by step; beyond it the decode time is integrated from evenly spaced steps.</summary>
    public const long ExactSteps = 4096;

    /// <summary>Device.</summary>
    public required DeviceProfile Device { get; init; }

    /// <summary>Prompt tokens per sequence.</summary>
    public required long Prompt { get; init; }

    /// <summary>Generated tokens per sequence.</summary>
    public required long Generate { get; init; }

    /// <summary>The prefill step.</summary>
    public required PhaseEstimate Prefill { get; init; }

    /// <summary>The first decode step (context P).</summary>
    public required PhaseEstimate Decode { get; init; }

    /// <summary>Seconds of all N - 1 decode steps.</summary>
    public required double DecodeSeconds { get; init; }

    /// <summary>Memory at P + N tokens.</summary>
    public required MemoryFit Memory { get; init; }

    /// <summary>Time to first token (the prefill).</summary>
    public double TimeToFirstTokenSeconds => Prefill.Seconds;

    /// <summary>Prefill + decode.</summary>
    public double TotalSeconds => Prefill.Seconds + DecodeSeconds;

    /// <summary>Decode tokens per second per sequence, averaged over the generation (the first decode step's rate when N is 1).</summary>
    public double DecodeTokensPerSecond => Generate > 1 && DecodeSeconds > 0 ? (Generate - 1) / DecodeSeconds : 1 / Decode.Seconds;

    /// <summary>Generated tokens per second over prefill and decode, all sequences.</summary>
    public double OverallTokensPerSecond => Generate * Prefill.Batch / TotalSeconds;

    /// <summary>Estimates <paramref name="model"/> generating <paramref name="generate"/> tokens after a prompt of
    /// <paramref name="prompt"/> on <paramref name="device"/>.</summary>
    public static GenerationEstimate Of(LlmModel model, DeviceProfile device, LlmRunOptions options, long prompt, long generate)
    {
        if (prompt < 1 || generate < 1 || prompt > MemoryFit.SearchLimit || generate > MemoryFit.SearchLimit)
        {
            throw new FlopScopeException($"--prompt and --generate must be between 1 and {MemoryFit.SearchLimit} tokens (got {prompt} and {generate}).");
        }

        var prefill = PhaseEstimator.Prefill(model, device, options, prompt);
        var decode = PhaseEstimator.Decode(model, device, options, prompt);
        var steps = generate - 1;
        double seconds = 0;
        if (steps <= ExactSteps)
        {
            for (long i = 0; i < steps; i++)
            {
                seconds += i == 0 ? decode.Seconds : PhaseEstimator.Decode(model, device, options, prompt + i).Seconds;
            }
        }
        else
        {
            // Midpoint rule over ExactSteps equal slices: step time is piecewise linear in the context.
            var slice = (double)steps / ExactSteps;
            for (long s = 0; s < ExactSteps; s++)
            {
                seconds += PhaseEstimator.Decode(model, device, options, prompt + (long)((s + 0.5) * slice)).Seconds * slice;
            }
        }

        return new GenerationEstimate
        {
            Device = device,
            Prompt = prompt,
            Generate = generate,
            Prefill = prefill,
            Decode = decode,
            DecodeSeconds = seconds,
            Memory = MemoryFit.Of(model, device, options, prompt + generate, prompt),
        };
    }
}
