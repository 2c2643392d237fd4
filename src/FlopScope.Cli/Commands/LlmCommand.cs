using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Llm;
using FlopScope.Llm.KvCache;
using FlopScope.Llm.Phases;
using FlopScope.Llm.Quantization;
using FlopScope.Llm.Sources;
using FlopScope.Memory;
using FlopScope.Onnx;
using FlopScope.Onnx.Llm;
using FlopScope.Runtime;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope llm MODEL --device rpi5,rtx4090 --prompt 512 --generate 128 --quant q4_k_m</c>: prefill and
/// decode of a language model per device (time to first token, tokens/s, memory, fit, bound), from a Hugging Face
/// config, a GGUF file or an ONNX decoder. The library computes (<see cref="LlmReport"/>); this only formats.</summary>
public sealed class LlmCommand(Consoles consoles) : Command<LlmSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, LlmSettings settings, CancellationToken cancellationToken)
    {
        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Llm, "llm");

        var options = new LlmRunOptions { Batch = settings.Batch, KvFormat = KvPrecision.Parse(settings.KvPrecision), Runtime = settings.Runtime };
        options.Validate();
        var devices = Devices(settings);
        var (prompt, generate, sweep) = (settings.Prompt, settings.Generate, settings.SweepContexts());
        LlmReport report;
        if (IsOnnx(settings.Model))
        {
            if (settings.Quant is not null)
            {
                throw new FlopScopeException("--quant applies to config.json and GGUF sources; an ONNX decoder's weights are what its initializers store (use --precision for memory figures).");
            }

            Precision? precision = settings.Precision is null ? null
                : ElementSize.TryParse(settings.Precision, out var p) ? p : throw new FlopScopeException($"Unknown precision '{settings.Precision}'; use fp32, fp16, bf16 or int8.");
            report = OnnxDecoderReport.Of(OnnxModel.Load(settings.Model, ResultKind.Llm.ReportsTiedTensors()), Path.GetFileName(settings.Model), devices, options, prompt, generate, sweep, precision);
            if (settings.Measure)
            {
                var measured = DecoderBenchmark.Run(settings.Model, prompt, (int)Math.Min(generate, 100_000), runs: 3, settings.Threads);
                report = report with
                {
                    Measured = new LlmMeasurement($"onnxruntime {OrtSessions.Version} cpu, {(settings.Threads is { } t ? t + " threads" : "default threads")}",
                        prompt, generate, measured.PrefillMs, measured.Decode.MedianMs, measured.Decode.Runs),
                };
            }
        }
        else
        {
            if (settings.Precision is not null || settings.Measure)
            {
                throw new FlopScopeException("--precision and --measure apply to ONNX decoders; use --quant for config.json and GGUF sources.");
            }

            var model = LlmSource.Load(settings.Model, settings.Quant is null ? null : QuantScheme.Parse(settings.Quant));
            report = LlmReport.Of(model, devices, options, prompt, generate, sweep);
        }

        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Llm,
            Llm = report,
            Schema = "flopscope.llm/1",
            Lines = LlmTables.Lines(report),
            Tables = LlmTables.Tables(report),
            Notes = report.Notes,
            View = new ViewOptions { ModelPath = settings.Model },
        }, new ExportTarget(consoles, settings.Output));

        return ExitCodes.Success;
    }

    private static bool IsOnnx(string path) =>
        path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".onnx.gz", StringComparison.OrdinalIgnoreCase);

    private static List<DeviceProfile> Devices(LlmSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Device))
        {
            return [];
        }

        var catalog = settings.Catalog();
        return settings.Device.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
            ? catalog.Devices.ToList()
            : settings.Device.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(catalog.Get).ToList();
    }
}
