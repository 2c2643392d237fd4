namespace FlopScope.Llm.Moe;

/// <summary>
/// How many distinct routed experts a group of tokens touches in one MoE layer. With top-k routing over E experts and
/// tokens routed independently and uniformly, an expert is missed by one token with probability 1 - k/E, so the
/// expected distinct experts are E x (1 - (1 - k/E)^tokens): k for one token, approaching E as the batch grows. Real
/// routers are not uniform (fewer distinct experts), so this is the upper expectation of the weights a step reads.
/// </summary>
public static class ExpertActivation
{
    /// <summary>Expected distinct experts of <paramref name="experts"/> touched by <paramref name="tokens"/> tokens
    /// routed to <paramref name="perToken"/> each.</summary>
    public static double ExpectedDistinct(int experts, int perToken, double tokens)
    {
        if (experts <= 0 || tokens <= 0)
        {
            return 0;
        }

        var k = Math.Min(perToken, experts);
        return experts * (1 - Math.Pow(1 - ((double)k / experts), tokens));
    }
}
