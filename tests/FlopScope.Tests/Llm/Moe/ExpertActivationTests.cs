using FlopScope.Hardware;
using FlopScope.Llm;
using FlopScope.Llm.Moe;
using FlopScope.Llm.Phases;
using FlopScope.Llm.Quantization;

namespace FlopScope.Tests.Llm.Moe;

public sealed class ExpertActivationTests
{
    [Theory]
    // One token touches exactly k experts; two tokens 8 x (1 - 0.75^2) = 3.5 in expectation; many touch all.
    [InlineData(8, 2, 1, 2.0)]
    [InlineData(8, 2, 2, 3.5)]
    [InlineData(60, 4, 1, 4.0)]
    [InlineData(8, 2, 1000, 8.0)]
    public void ExpectedDistinctExperts(int experts, int k, double tokens, double expected) =>
        Assert.Equal(expected, ExpertActivation.ExpectedDistinct(experts, k, tokens), 1e-9);

    [Fact]
    public void MixtralDecodeReadsTheTouchedExpertsOnly()
    {
        var a = LlmFixtures.Architecture("mixtral-8x7b-v0.1");
        var model = LlmModel.FromArchitecture("mixtral", "config.json", a, QuantScheme.Parse("bf16"));
        var device = DeviceCatalog.BuiltIn().Get("h100-sxm");
        var one = PhaseEstimator.Decode(model, device, new LlmRunOptions(), 0);
        var four = PhaseEstimator.Decode(model, device, new LlmRunOptions { Batch = 4 }, 0);
        Assert.Equal(2.0, one.ExpertsTouched, 1e-9);
        Assert.Equal(8 * (1 - Math.Pow(0.75, 4)), four.ExpertsTouched, 1e-9);
        var expertBytes = model.Weights.RoutedExpertBytes;
        Assert.Equal(2L * 8 * 32 * 3 * 4096 * 14336, expertBytes); // bf16: 2 bytes x all routed expert weights
        Assert.Equal(model.Weights.DenseBytes + (expertBytes * 2 / 8.0) + (model.Weights.LookupBytes / 32_000.0), one.WeightBytes, 1e-3);
        // FLOPs per token follow the 12.9B activated parameters, not the 46.7B stored.
        var active = model.Parameters.ActivePerToken - (32_000L * 4096) - (65L * 4096);
        Assert.Equal(2 * (active + (32L * 32 * 256)), one.Flops);
    }
}
