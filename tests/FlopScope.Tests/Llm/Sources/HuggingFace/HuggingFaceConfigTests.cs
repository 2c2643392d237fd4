using FlopScope.Errors;
using FlopScope.Llm;
using FlopScope.Llm.Sources.HuggingFace;

namespace FlopScope.Tests.Llm.Sources.HuggingFace;

/// <summary>
/// Parameters from each model's published config.json (copied into tests/fixtures/llm/configs from the model's
/// Hugging Face repository) against the parameter count its publisher or the Hub's safetensors metadata states.
/// </summary>
public sealed class HuggingFaceConfigTests
{
    [Theory]
    // meta-llama/Llama-2-7b-hf: Hub safetensors total 6,738,415,616 (Llama-2 model card "7B").
    [InlineData("llama-2-7b", 6_738_415_616L)]
    // meta-llama/Meta-Llama-3-8B: Hub safetensors total 8,030,261,248.
    [InlineData("llama-3-8b", 8_030_261_248L)]
    // mistralai/Mistral-7B-v0.1: Hub safetensors total 7,241,732,096.
    [InlineData("mistral-7b-v0.1", 7_241_732_096L)]
    // Qwen/Qwen2.5-0.5B: Hub safetensors total 494,032,768 (tied embeddings, q/k/v biases).
    [InlineData("qwen2.5-0.5b", 494_032_768L)]
    // mistralai/Mixtral-8x7B-v0.1: Hub safetensors total 46,702,792,704.
    [InlineData("mixtral-8x7b-v0.1", 46_702_792_704L)]
    // openai-community/gpt2: 124,439,808 (Hub safetensors; tied lm_head, learned positions, biases everywhere).
    [InlineData("gpt2", 124_439_808L)]
    // microsoft/Phi-3-mini-4k-instruct: Hub safetensors total 3,821,079,552 ("3.8B").
    [InlineData("phi-3-mini-4k", 3_821_079_552L)]
    // google/gemma-2b: Hub safetensors total 2,506,172,416 (tied embeddings, multi-query).
    [InlineData("gemma-2b", 2_506_172_416L)]
    // tiiuae/falcon-7b: Hub safetensors total 6,921,720,704 (multi-query, parallel block with one LayerNorm).
    [InlineData("falcon-7b", 6_921_720_704L)]
    // EleutherAI/pythia-70m: 70,426,624 total parameters (Pythia paper, Table 1 / the model card).
    [InlineData("pythia-70m", 70_426_624L)]
    public void ParametersEqualThePublishedCount(string model, long published) =>
        Assert.Equal(published, LlmFixtures.Parameters(model).Total);

    [Fact]
    public void MixtralActivatesTwoOfEightExperts()
    {
        // Mistral AI's Mixtral announcement: "46.7B total parameters but only uses 12.9B parameters per token".
        var p = LlmFixtures.Parameters("mixtral-8x7b-v0.1");
        Assert.Equal(12_879_925_248L, p.ActivePerToken);
        Assert.Equal(8L * 32 * 3 * 4096 * 14336, p.RoutedExperts);
    }

    [Fact]
    public void QwenMoeCountsSharedExpertsAndGates()
    {
        // Qwen/Qwen1.5-MoE-A2.7B model card: "14.3B parameters in total and 2.7B activated parameters during runtime",
        // the blog: "2.0B non-embedding activated". Embeddings (untied) are 2 x 151,936 x 2,048.
        var p = LlmFixtures.Parameters("qwen1.5-moe-a2.7b");
        Assert.Equal(14.3e9, p.Total, 0.05e9);
        Assert.Equal(2.7e9, p.ActivePerToken, 0.05e9);
        Assert.Equal(2.0e9, p.ActivePerToken - (2L * 151_936 * 2048), 0.1e9);
        Assert.Equal(24L * 60 * 3 * 1408 * 2048, p.RoutedExperts);
    }

    [Fact]
    public void Qwen3HasPerHeadQueryAndKeyNorms()
    {
        // Qwen/Qwen3-0.6B model card: 0.6B parameters, 0.44B non-embedding (embedding tied: 151,936 x 1,024 once).
        var p = LlmFixtures.Parameters("qwen3-0.6b");
        Assert.Equal(0.44e9, p.Total - p.Embedding, 0.005e9);
        Assert.Equal(0.6e9, p.Total, 0.005e9);
        Assert.Equal(28 * 2 * 128 + (28 * 2 * 1024) + 1024, p.Norms);
    }

    [Fact]
    public void DeepSeekV3HasLatentAttentionAndSharedExperts()
    {
        // deepseek-ai/DeepSeek-V3 README: "671B total parameters with 37B activated for each token" (main model,
        // without the 14B multi-token-prediction module).
        var p = LlmFixtures.Parameters("deepseek-v3");
        Assert.Equal(671e9, p.Total, 1e9);
        Assert.Equal(37e9, p.ActivePerToken, 1e9);
    }

    [Fact]
    public void FamiliesReadTheirAttentionLayout()
    {
        var mistral = LlmFixtures.Architecture("mistral-7b-v0.1");
        Assert.Equal((8, 128L, 4096L), (mistral.KvHeads, mistral.HeadDim, mistral.WindowOf(0)!.Value));
        var qwen = LlmFixtures.Architecture("qwen2.5-0.5b");
        Assert.Null(qwen.WindowOf(0)); // use_sliding_window: false
        Assert.True(qwen.QkvBias && !qwen.OutputBias && qwen.TiedEmbeddings);
        var falcon = LlmFixtures.Architecture("falcon-7b");
        Assert.Equal((1, 64L, 1), (falcon.KvHeads, falcon.HeadDim, falcon.NormsPerLayer));
        var gemma = LlmFixtures.Architecture("gemma-2b");
        Assert.Equal((1, 256L, MlpKind.Gated), (gemma.KvHeads, gemma.HeadDim, gemma.Mlp));
    }

    [Theory]
    [InlineData("""{"model_type":"llama","hidden_size":-4096}""", "'hidden_size' = -4096 is outside")]
    [InlineData("""{"model_type":"llama","hidden_size":"big"}""", "'hidden_size' must be an integer")]
    [InlineData("""{"model_type":"bert","hidden_size":768}""", "model_type 'bert' is not a decoder family")]
    [InlineData("""{"model_type":"llama","hidden_size":4096,"num_hidden_layers":32,"num_attention_heads":32,"num_key_value_heads":5}""", "not a multiple of num_key_value_heads")]
    [InlineData("""{"model_type":"llama","hidden_size":99999999999999}""", "is outside")]
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""{"model_type":"llama",""", "not valid JSON")]
    public void HostileConfigsFailWithOneLine(string json, string message)
    {
        var e = Assert.Throws<FlopScopeException>(() => HuggingFaceConfig.Parse(System.Text.Encoding.UTF8.GetBytes(json), "config.json"));
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
