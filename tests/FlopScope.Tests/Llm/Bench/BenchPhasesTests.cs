using System.Text.Json;
using FlopScope.Hardware;
using FlopScope.Kernels;
using FlopScope.Runtime;
using FlopScope.Runtime.Calibration;
using FlopScope.Tests.Llm.Sources.Onnx;
using FlopScope.Tests.Support;

namespace FlopScope.Tests.Llm.Bench;

/// <summary><c>bench --prompt</c> on an ONNX decoder measures prefill and per-token decode separately in ONNX Runtime,
/// and <c>calibrate --from</c> learns from the decode step's kernels.</summary>
public sealed class BenchPhasesTests
{
    [Fact]
    public void BenchTimesPrefillTheDecodeStepAndTheLoopAndCalibrateLearnsFromTheDecodeStep()
    {
        using var folder = new TempFolder();
        // 2 layers, hidden 128, 4 heads over 2 KV heads (head dim 32), MLP 256, vocab 500, with past_key_values.
        var model = folder.Write("tiny-llama.onnx", LlamaOnnxGraph.Build(2, 128, 4, 2, 256, 500, cache: true));
        var output = folder.File("tiny.bench.json");

        var r = CliRunner.Run("bench", model, "--prompt", "8", "--context", "20", "--generate", "4", "--threads", "1", "--warmup", "1", "--runs", "3",
            "--layer-runs", "2", "--format", "json", "--output", output);

        Assert.Equal(0, r.ExitCode);
        var bench = BenchReport.Deserialize(File.ReadAllText(output));
        Assert.Equal([1, 8], bench.Inputs.Single(i => i.Name == "input_ids").Shape);
        Assert.Equal([1, 2, 0, 32], bench.Inputs.Single(i => i.Name == "past_key_values.0.key").Shape);
        var phases = Assert.IsType<DecoderPhases>(bench.Phases);
        Assert.Equal((8, 20, 4), (phases.Prompt, phases.Context, phases.Generate));
        Assert.Equal([1, 1], phases.DecodeStep.Inputs.Single(i => i.Name == "input_ids").Shape);
        Assert.Equal([1, 2, 20, 32], phases.DecodeStep.Inputs.Single(i => i.Name == "past_key_values.1.value").Shape);
        Assert.Equal(3, phases.DecodeStep.Latency.Runs);
        Assert.NotNull(phases.DecodeStep.Layers);
        // Three timed generations of 4 tokens: 3 decode steps each after the prefill's token.
        Assert.Equal(9, phases.Loop.Decode.Runs);
        Assert.True(phases.Loop.PrefillMs > 0 && phases.Loop.Decode.MedianMs > 0);
        Assert.Equal(1000 / phases.Loop.Decode.MedianMs, phases.Loop.DecodeTokensPerSecond, 9);
        using (var json = JsonDocument.Parse(File.ReadAllText(output)))
        {
            var loop = json.RootElement.GetProperty("phases").GetProperty("loop");
            Assert.Equal(9, loop.GetProperty("decode").GetProperty("runs").GetInt32());
            Assert.True(loop.GetProperty("decode_tokens_per_s").GetDouble() > 0);
        }

        // calibrate --from: the prefill and the decode step are two observed models; the decode step's kernels are
        // matrix-vector products (1 token), matched to ONNX Runtime's measured kernels.
        var models = BenchCalibration.Load([output, model]);
        Assert.Equal(["tiny-llama", "tiny-llama (decode step)"], models.Select(m => m.Name));
        Assert.Equal(1, models[1].Profile.Inputs.Single(i => i.Name == "input_ids").Shape.ToArray()[1]);
        var result = BenchCalibration.Fit(models, DeviceCatalog.BuiltIn().Get("rpi5"), RuntimeCatalog.BuiltIn.Get("ort-cpu"));
        var decodeRow = result.Models.Single(m => m.Model == "tiny-llama (decode step)");
        Assert.True(decodeRow.Matched > 0);
        Assert.Equal(phases.DecodeStep.Latency.MedianMs, decodeRow.MeasuredMs, 9);

        var fitted = folder.File("fitted.json");
        var cli = CliRunner.Run("calibrate", "--from", output, model, "--device", "rpi5", "--id", "fitted", "--output", fitted);
        Assert.Equal(0, cli.ExitCode);
        Assert.Contains("tiny-llama (decode step)", cli.Stdout);
    }

    [Fact]
    public void PromptOnAModelWithoutACacheIsOneLineAndExitTwo()
    {
        using var folder = new TempFolder();
        var model = folder.Write("nocache.onnx", LlamaOnnxGraph.Build(1, 64, 2, 1, 128, 100, cache: false));

        var r = CliRunner.Run("bench", model, "--prompt", "8", "--threads", "1");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("past_key_values", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.Equal(2, CliRunner.Run("bench", model, "--context", "8").ExitCode);
    }
}
