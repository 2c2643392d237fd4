using FlopScope.Errors;
using FlopScope.Graph;
using FlopScope.Profiling;

namespace FlopScope.Onnx.Llm;

/// <summary>
/// An ONNX decoder export with a KV cache (Optimum's <c>past_key_values.N.key</c>, onnxruntime-genai's
/// GroupQueryAttention models, <c>past_key_N</c> styles): finds the token, mask, position and cache inputs and binds
/// them to a phase. Prefill: P new tokens, an empty cache; decode: 1 new token after C cached ones. The cache's
/// sequence axis is the one symbolic dimension of a cache input besides the batch.
/// </summary>
public sealed class OnnxDecoder
{
    private readonly IReadOnlyList<ValueInfo> _inputs;

    private OnnxDecoder(IReadOnlyList<ValueInfo> inputs, IReadOnlyList<ValueInfo> cache)
    {
        _inputs = inputs;
        CacheInputs = cache;
    }

    /// <summary>Inputs holding the past keys and values.</summary>
    public IReadOnlyList<ValueInfo> CacheInputs { get; }

    /// <summary>The decoder view of <paramref name="graph"/>, or null when it has no token-id input.</summary>
    public static OnnxDecoder? Find(Graph.Graph graph)
    {
        if (!graph.Inputs.Any(i => i.Name == "input_ids"))
        {
            return null;
        }

        var cache = graph.Inputs.Where(IsCache).ToList();
        return new OnnxDecoder(graph.Inputs, cache);
    }

    /// <summary>Input shapes for a phase: <paramref name="newTokens"/> new tokens after <paramref name="past"/> cached
    /// ones, for <paramref name="batch"/> sequences.</summary>
    public IReadOnlyDictionary<string, long[]> Bind(long newTokens, long past, long batch)
    {
        if (newTokens < 1 || past < 0 || batch < 1)
        {
            throw new FlopScopeException($"A decoder phase needs at least 1 new token, a non-negative context and a batch of 1 or more (got {newTokens}, {past}, {batch}).");
        }

        var total = checked(past + newTokens);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var input in _inputs)
        {
            var rank = input.Shape?.Rank ?? -1;
            switch (input.Name)
            {
                case "input_ids" or "position_ids" when rank == 2:
                    shapes[input.Name] = [batch, newTokens];
                    break;
                case "attention_mask" when rank == 2:
                    shapes[input.Name] = [batch, total];
                    break;
                case "seqlens_k":
                    shapes[input.Name] = [batch];
                    break;
                case "total_sequence_length":
                    shapes[input.Name] = [];
                    break;
                default:
                    if (IsCache(input))
                    {
                        shapes[input.Name] = CacheShape(input, past, batch);
                    }

                    break;
            }
        }

        return shapes;
    }

    /// <summary>Profile options binding <paramref name="phase"/> (prefill or decode).</summary>
    public ProfileOptions Options(string phase, long prompt, long context, long batch, ProfileOptions? baseOptions = null)
    {
        var shapes = phase switch
        {
            "prefill" => Bind(prompt, 0, batch),
            "decode" => Bind(1, context, batch),
            _ => throw new FlopScopeException($"Unknown phase '{phase}'; use prefill or decode."),
        };
        return (baseOptions ?? new ProfileOptions()) with { InputShapes = shapes };
    }

    private static bool IsCache(ValueInfo input) =>
        input.Shape is { Rank: >= 3 } && (input.Name.StartsWith("past", StringComparison.Ordinal) || input.Name.Contains("cache", StringComparison.Ordinal));

    private static long[] CacheShape(ValueInfo input, long past, long batch)
    {
        var dims = input.Shape!.Dims;
        var shape = new long[dims.Count];
        var sequenceAxis = -1;
        for (var i = 0; i < dims.Count; i++)
        {
            if (dims[i].IsKnown)
            {
                shape[i] = dims[i].Value;
            }
            else if (i == 0)
            {
                shape[i] = batch;
            }
            else if (sequenceAxis < 0)
            {
                sequenceAxis = i;
                shape[i] = past;
            }
            else
            {
                throw new FlopScopeException($"Cache input '{input.Name}' {input.Shape} has more than one symbolic dimension besides the batch; bind it with --shape.");
            }
        }

        return sequenceAxis < 0
            ? throw new FlopScopeException($"Cache input '{input.Name}' {input.Shape} has no symbolic sequence dimension to bind the context to.")
            : shape;
    }
}
