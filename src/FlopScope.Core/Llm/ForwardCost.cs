namespace FlopScope.Llm;

/// <summary>
/// Multiply-accumulates of one forward pass of a decoder over some new tokens attending to a cache: the matrix
/// products only (projections, attention scores and weighted values, output projection), the figure FlopScope's
/// ONNX profile reports as MACs under the default convention. FLOPs = 2 x MACs. Norms, activations, softmax, rotary
/// and residual adds (about 1% of a decoder's arithmetic) are not in it.
/// </summary>
/// <param name="NewTokens">Tokens computed per sequence (the prompt for prefill, 1 for decode).</param>
/// <param name="Past">Tokens already in the cache per sequence.</param>
/// <param name="Batch">Concurrent sequences.</param>
/// <param name="ProjectionMacs">Projections of every layer (routed experts: k per token), routers included.</param>
/// <param name="AttentionMacs">Q x K^T and scores x V over every key each query sees (window-capped), the full
/// rectangle: what a kernel computes when it does not skip masked blocks.</param>
/// <param name="OutputMacs">Output projection over <paramref name="LogitTokens"/> tokens per sequence.</param>
/// <param name="LogitTokens">Tokens whose logits are computed per sequence.</param>
public sealed record ForwardCost(long NewTokens, long Past, long Batch, long ProjectionMacs, long AttentionMacs, long OutputMacs, long LogitTokens)
{
    /// <summary>All matrix-product MACs.</summary>
    public long Macs => checked(ProjectionMacs + AttentionMacs + OutputMacs);

    /// <summary>2 x <see cref="Macs"/>.</summary>
    public long Flops => checked(2 * Macs);

    /// <summary>MACs of <paramref name="newTokens"/> tokens per sequence after <paramref name="past"/> cached ones, for
    /// <paramref name="batch"/> sequences; logits for every new token when <paramref name="allLogits"/> (a plain
    /// forward pass, as ONNX exports compute), else for the last one only (what generation needs).</summary>
    public static ForwardCost Of(LlmArchitecture a, IReadOnlyList<LlmTensor> tensors, long newTokens, long past, long batch = 1, bool allLogits = false)
    {
        if (newTokens < 1 || past < 0 || batch < 1)
        {
            throw new Errors.FlopScopeException($"A forward pass needs at least 1 new token, a non-negative cache and a batch of 1 or more (got {newTokens}, {past}, {batch}).");
        }

        try
        {
            var k = a.Moe?.ExpertsPerToken ?? 0;
            long perToken = 0, output = 0;
            foreach (var t in tensors)
            {
                if (t.Role == TensorRole.Output)
                {
                    output = checked(output + t.MacsPerToken(k));
                }
                else
                {
                    perToken = checked(perToken + t.MacsPerToken(k));
                }
            }

            long attention = 0;
            var perKey = checked(a.Heads * (a.QkHeadDim + a.VHeadDim));
            for (var i = 0; i < a.Layers; i++)
            {
                // Query j (0-based) of the new tokens sees past + j + 1 keys; a kernel without causal skipping
                // computes past + newTokens for each, capped by the layer's window.
                var keys = checked(past + newTokens);
                if (a.WindowOf(i) is { } w)
                {
                    keys = Math.Min(keys, w);
                }

                attention = checked(attention + (newTokens * keys * perKey));
            }

            var logits = allLogits ? newTokens : 1;
            return new ForwardCost(newTokens, past, batch, checked(batch * newTokens * perToken), checked(batch * attention), checked(batch * logits * output), logits);
        }
        catch (OverflowException)
        {
            throw new Errors.FlopScopeException($"The forward pass of {newTokens} tokens after {past} overflows 64-bit MAC counts; use shorter lengths.");
        }
    }
}
