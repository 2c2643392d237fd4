using FlopScope.Llm;
using FlopScope.Llm.Quantization;

namespace FlopScope.Tests.Llm.Quantization;

public sealed class QuantSchemeTests
{
    [Fact]
    public void Llama3Q4KMFollowsLlamaCppTensorTypes()
    {
        // By hand: token_embd Q4_K (525,336,576 x 144/256), output Q6_K (525,336,576 x 210/256); per layer q, k, o,
        // gate, up (155,189,248 params) Q4_K; attn_v + ffn_down (62,914,560) Q6_K in the 16 use_more_bits layers
        // (0-3, 28-31, 6, 9, ..., 27) and Q4_K in the other 16; norms f32.
        long expected = (525_336_576L * 144 / 256) + (525_336_576L * 210 / 256) + (32 * 155_189_248L * 144 / 256)
            + (16 * 62_914_560L * 210 / 256) + (16 * 62_914_560L * 144 / 256) + (65 * 4096 * 4);
        var w = LlmModel.FromArchitecture("l3", "config.json", LlmFixtures.Architecture("llama-3-8b"), QuantScheme.Parse("Q4_K_M")).Weights;
        Assert.Equal(4_912_898_048L, expected);
        Assert.Equal(expected, w.Bytes);
        // Published: Meta-Llama-3-8B-Instruct-Q4_K_M.gguf is 4.92 GB (bartowski/Meta-Llama-3-8B-Instruct-GGUF),
        // the weights plus about 8 MB of metadata (the 128k-token vocabulary).
        Assert.InRange(4.92e9 - w.Bytes, 0, 0.01e9);
    }

    [Fact]
    public void UniformSchemesKeepNormsAtSixteenBits()
    {
        var a = LlmFixtures.Architecture("llama-2-7b");
        var norms = 65L * 4096;
        var all = 6_738_415_616L;
        Assert.Equal(2 * all, LlmModel.FromArchitecture("l2", "config.json", a, QuantScheme.Parse("fp16")).Weights.Bytes);
        Assert.Equal(all - norms + (2 * norms), LlmModel.FromArchitecture("l2", "config.json", a, QuantScheme.Parse("int8")).Weights.Bytes);
        // int4: 18 bytes per 32 weights (4-bit values + an fp16 scale per block of 32).
        Assert.Equal(((all - norms) / 32 * 18) + (2 * norms), LlmModel.FromArchitecture("l2", "config.json", a, QuantScheme.Parse("int4")).Weights.Bytes);
    }

    [Fact]
    public void RowsThatAreNotWholeSuperBlocksFallBack()
    {
        // Qwen2.5-0.5B's hidden 896 is not a multiple of 256: llama.cpp stores those rows as q5_0 under Q4_K_M.
        var w = LlmModel.FromArchitecture("q", "config.json", LlmFixtures.Architecture("qwen2.5-0.5b"), QuantScheme.Parse("q4_k_m")).Weights;
        Assert.True(w.BytesByFormat.ContainsKey("q5_0"));
        Assert.Throws<FlopScope.Errors.FlopScopeException>(() => QuantScheme.Parse("q3_xyz"));
    }
}
