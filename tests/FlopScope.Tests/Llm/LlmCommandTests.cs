using System.Text.Json;
using FlopScope.Tests.Llm.Sources.Onnx;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm;

public sealed class LlmCommandTests
{
    [Fact]
    public void OneRowPerDeviceWithDecodeMemoryBound()
    {
        var r = CliRunner.Run("llm", LlmFixtures.Config("llama-3-8b"), "--device", "rpi5,orin-nano,rtx4090", "--prompt", "512", "--generate", "128", "--quant", "q4_k_m");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("8,030,261,248 parameters", r.Stdout);
        Assert.Contains("128.0 KiB per token", r.Stdout);
        foreach (var id in new[] { "rpi5", "orin-nano" })
        {
            var row = r.Stdout.Split('\n').Single(l => l.Contains($" {id} ", StringComparison.Ordinal));
            Assert.Contains("memory-bound", row);
        }

        // The 4090's usual runtime (eager PyTorch) is launch-bound at batch 1; with CUDA graphs it is memory-bound.
        Assert.Contains("overhead-bound", r.Stdout.Split('\n').Single(l => l.Contains(" rtx4090 ", StringComparison.Ordinal)));
        var graphs = CliRunner.Run("llm", LlmFixtures.Config("llama-3-8b"), "--device", "rtx4090", "--runtime", "torch-cudagraph", "--quant", "q4_k_m");
        Assert.Contains("memory-bound", graphs.Stdout.Split('\n').Single(l => l.Contains(" rtx4090 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void JsonHasPhasesSweepAndFit()
    {
        var r = CliRunner.Run("llm", LlmFixtures.Config("mixtral-8x7b-v0.1"), "--device", "h100-sxm,rtx4090", "--sweep", "context=1k,32k", "--format", "json", "--kv-precision", "fp8");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("flopscope.llm/1", root.GetProperty("schema").GetString());
        Assert.Equal(46_702_792_704L, root.GetProperty("parameters").GetProperty("stored").GetInt64());
        Assert.Equal(12_879_925_248L, root.GetProperty("parameters").GetProperty("active_per_token").GetInt64());
        Assert.Equal(65_536, root.GetProperty("kv_cache").GetProperty("bytes_per_token").GetDouble());
        var devices = root.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(2, devices.Count);
        // bf16 Mixtral (93 GB) fits an 80 GB H100? No; nor a 24 GB 4090.
        Assert.All(devices, d => Assert.False(d.GetProperty("fits").GetBoolean()));
        Assert.Equal("memory", devices[0].GetProperty("decode").GetProperty("bound").GetString());
        Assert.Equal(2.0, devices[0].GetProperty("decode").GetProperty("experts_touched_per_layer").GetDouble());
        Assert.Equal(4, root.GetProperty("sweep").GetArrayLength());
    }

    [Fact]
    public void OnnxDecoderPhasesComeFromTheGraph()
    {
        using var folder = new TempFolder();
        var path = folder.Write("tiny-llama.onnx", LlamaOnnxGraph.Build(2, 128, 4, 2, 256, 500, cache: true));
        var r = CliRunner.Run("llm", path, "--device", "rpi5", "--prompt", "64", "--generate", "16", "--format", "json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("onnx", root.GetProperty("source").GetString());
        // 2 layers x 2 (K, V) x 2 KV heads x 32 x 4 bytes (float32 graph) per token.
        Assert.Equal(1024, root.GetProperty("kv_cache").GetProperty("bytes_per_token").GetDouble());
        var decode = root.GetProperty("devices")[0].GetProperty("decode");
        Assert.Equal(1, decode.GetProperty("new_tokens").GetInt64());
        Assert.Equal(64, decode.GetProperty("context").GetInt64());
        Assert.Equal(64 * 1024, decode.GetProperty("kv_read_bytes").GetDouble());
    }

    [Fact]
    public void MeasureRunsTheDecodeLoopInOnnxRuntime()
    {
        using var folder = new TempFolder();
        var path = folder.Write("tiny-llama.onnx", LlamaOnnxGraph.Build(2, 128, 4, 2, 256, 500, cache: true));
        var measured = FlopScope.Runtime.DecoderBenchmark.Run(path, prompt: 8, generate: 5, runs: 2, threads: 1);
        Assert.Equal(8, measured.Prompt);
        Assert.True(measured.PrefillMs > 0);
        Assert.Equal(2 * 4, measured.Decode.Runs); // 4 decode steps after the prefill token, 2 runs

        var r = CliRunner.Run("llm", path, "--device", "rpi5", "--prompt", "8", "--generate", "3", "--measure", "--threads", "1");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("measured (onnxruntime", r.Stdout);
        Assert.Equal(2, CliRunner.Run("llm", LlmFixtures.Config("gpt2"), "--measure").ExitCode);
    }

    [Theory]
    [InlineData("--prompt", "0")]
    [InlineData("--prompt", "12q")]
    [InlineData("--quant", "q9_z")]
    [InlineData("--kv-precision", "fp3")]
    [InlineData("--sweep", "batch=1,2")]
    [InlineData("--device", "nosuchdevice")]
    public void BadOptionsExitTwo(string option, string value)
    {
        var r = CliRunner.Run("llm", LlmFixtures.Config("gpt2"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void MissingOrForeignModelsExitTwo()
    {
        Assert.Equal(2, CliRunner.Run("llm", "no/such/config.json").ExitCode);
        using var folder = new TempFolder();
        var bert = folder.Write("config.json", """{"model_type":"bert","hidden_size":768}"""u8.ToArray());
        var r = CliRunner.Run("llm", bert);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not a decoder family", r.Stderr);
    }
}
