using System.Text.Json;
using FlopScope.Runtime;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Sources.Onnx;

/// <summary>
/// <c>profile --phase prefill|decode</c> on an onnxruntime-genai style decoder built from com.microsoft
/// GroupQueryAttention and 4-bit MatMulNBits (tests/fixtures/llm/onnx/make_gqa_decoder.py, written with python3-onnx):
/// the phase binds the cache, mask and token inputs, the MACs equal the hand count, and ONNX Runtime runs the same
/// graph's prefill and decode loop.
/// </summary>
public sealed class GqaDecoderPhaseTests
{
    private static string Decoder => Path.Combine(Fixtures.Root, "llm", "onnx", "gqa-nbits-decoder.onnx");

    // Per token: MatMulNBits q 64x64 + k 64x32 + v 64x32 + o 64x64 + gate 64x128 + up 64x128 + down 128x64 = 36,864 MACs;
    // lm_head MatMul 64x96 = 6,144. Attention over T keys: 4 heads x T x (16 + 16) per new token.
    private const long ProjectionMacs = 36_864 + 6_144;

    [Fact]
    public void DecodeBindsOneTokenAfterTheCacheAndCountsTheHandMacs()
    {
        var r = CliRunner.Run("profile", Decoder, "--phase", "decode", "--context", "10", "--format", "json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        var inputs = json.RootElement.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => Shape(i));
        Assert.Equal([1, 1], inputs["input_ids"]);
        Assert.Equal([1, 11], inputs["attention_mask"]);
        Assert.Equal([1, 2, 10, 16], inputs["past_key_values.0.key"]);
        // 1 token: projections + attention over 11 keys (4 x 11 x 32 = 1,408).
        Assert.Equal(ProjectionMacs + 1_408, json.RootElement.GetProperty("summary").GetProperty("macs").GetInt64());
    }

    [Fact]
    public void PrefillBindsThePromptIntoAnEmptyCache()
    {
        var r = CliRunner.Run("profile", Decoder, "--phase", "prefill", "--prompt", "8", "--format", "json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        var inputs = json.RootElement.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => Shape(i));
        Assert.Equal([1, 8], inputs["input_ids"]);
        Assert.Equal([1, 2, 0, 16], inputs["past_key_values.0.value"]);
        // 8 tokens: 8 x projections + attention, the full 8 x 8 rectangle: 8 x 4 x 8 x 32 = 8,192.
        Assert.Equal((8 * ProjectionMacs) + 8_192, json.RootElement.GetProperty("summary").GetProperty("macs").GetInt64());
    }

    [Fact]
    public void OnnxRuntimeRunsTheGraphsPrefillAndDecodeLoop()
    {
        var measured = DecoderBenchmark.Run(Decoder, prompt: 8, generate: 4, runs: 1, threads: 1);

        Assert.True(measured.PrefillMs > 0);
        Assert.Equal(3, measured.Decode.Runs);
    }

    [Theory]
    [InlineData("--phase", "middle", "--prompt", "8")]
    [InlineData("--phase", "prefill")]
    [InlineData("--phase", "decode")]
    [InlineData("--phase", "decode", "--context", "-3")]
    [InlineData("--prompt", "8")]
    public void BadPhaseOptionsAreOneLineAndExitTwo(params string[] options)
    {
        var r = CliRunner.Run(["profile", Decoder, .. options]);

        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void DecodeOfADecoderWithoutACacheIsOneLineAndExitTwo()
    {
        using var folder = new TempFolder();
        var model = folder.Write("nocache.onnx", LlamaOnnxGraph.Build(1, 64, 2, 1, 128, 100, cache: false));

        var r = CliRunner.Run("profile", model, "--phase", "decode", "--context", "4");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("past_key_values", r.Stderr);
    }

    private static long[] Shape(JsonElement input) => input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
}
