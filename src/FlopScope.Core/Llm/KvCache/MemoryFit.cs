using FlopScope.Hardware;
using FlopScope.Llm.Phases;

namespace FlopScope.Llm.KvCache;

/// <summary>
/// Memory a decoder needs at a context length: stored weights + KV cache for every sequence + the activation
/// workspace of a prefill chunk (its hidden states and widest projection outputs, at 16 bits) + the last token's
/// fp32 logits; and the longest context that fits the device. An estimate: runtimes add their own buffers.
/// </summary>
/// <param name="WeightBytes">Stored weights.</param>
/// <param name="KvBytes">KV cache at <paramref name="Context"/> tokens for every sequence.</param>
/// <param name="WorkspaceBytes">Activation workspace and logits.</param>
/// <param name="Context">Tokens per sequence the figures are at.</param>
/// <param name="DeviceBytes">Memory of the device, or null when unbounded.</param>
/// <param name="MaxContext">Longest context (tokens per sequence) that fits, null when unbounded; 0 when even the
/// weights do not fit.</param>
public sealed record MemoryFit(long WeightBytes, double KvBytes, double WorkspaceBytes, long Context, double? DeviceBytes, long? MaxContext)
{
    /// <summary>Largest context searched (2^40 tokens).</summary>
    public const long SearchLimit = 1L << 40;

    /// <summary>All bytes needed.</summary>
    public double RequiredBytes => WeightBytes + KvBytes + WorkspaceBytes;

    /// <summary>True when it fits, null when the device memory is unknown.</summary>
    public bool? Fits => DeviceBytes is { } d ? RequiredBytes <= d : null;

    /// <summary>Memory fit of <paramref name="model"/> on <paramref name="device"/> at <paramref name="context"/> tokens
    /// per sequence, with a prompt of <paramref name="prompt"/> tokens.</summary>
    public static MemoryFit Of(LlmModel model, DeviceProfile device, LlmRunOptions options, long context, long prompt)
    {
        var a = model.Architecture;
        var workspace = Workspace(model, options, prompt);
        var deviceBytes = device.MemoryGB * 1e9;
        long? max = null;
        if (deviceBytes is { } limit)
        {
            var free = limit - model.Weights.Bytes - workspace;
            if (free < 0)
            {
                max = 0;
            }
            else
            {
                // The cache grows monotonically with context (windowed layers stop growing): bisect.
                long lo = 0, hi = SearchLimit;
                while (lo < hi)
                {
                    var mid = lo + ((hi - lo + 1) / 2);
                    if (KvCacheSize.Bytes(a, options.KvFormat, mid, options.Batch) <= free)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid - 1;
                    }
                }

                max = lo;
            }
        }

        return new MemoryFit(model.Weights.Bytes, KvCacheSize.Bytes(a, options.KvFormat, context, options.Batch), workspace, context, deviceBytes, max);
    }

    private static double Workspace(LlmModel model, LlmRunOptions options, long prompt)
    {
        var a = model.Architecture;
        var chunk = Math.Clamp(prompt, 1, LlmRunOptions.PrefillChunk);
        long widest = 0;
        foreach (var t in model.Tensors.Where(t => t.IsMatMul && t.Role != TensorRole.Output))
        {
            widest = Math.Max(widest, t.Rows * (t.IsRoutedExpert ? a.Moe!.ExpertsPerToken : 1));
        }

        // Gate and up outputs live together in a gated MLP.
        var mlp = a.Mlp == MlpKind.Gated ? 2 * Math.Max(a.Intermediate, a.Moe?.ExpertIntermediate ?? 0) : 0;
        var perToken = (2.0 * a.Hidden) + Math.Max(widest, mlp);
        return (options.Batch * chunk * perToken * 2) + (options.Batch * a.Vocab * 4.0);
    }
}
