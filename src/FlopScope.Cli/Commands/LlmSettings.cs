using System.ComponentModel;
using System.Globalization;
using FlopScope.Errors;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary>Settings of <c>flopscope llm</c>.</summary>
public sealed class LlmSettings : CommandSettings, IDeviceFileSettings
{
    /// <summary>Model path.</summary>
    [CommandArgument(0, "<MODEL>")]
    [Description("A Hugging Face config.json or a folder holding one (safetensors headers beside it are read), a GGUF file, or an ONNX decoder.")]
    public string Model { get; init; } = string.Empty;

    /// <summary>Devices.</summary>
    [CommandOption("-d|--device <IDS>")]
    [Description("Comma-separated device ids (see 'flopscope devices'), or 'all'. Without it only the model is described.")]
    public string? Device { get; init; }

    /// <inheritdoc />
    [CommandOption("--devices <FILE>")]
    [Description("JSON file of devices that add to or override the built-in catalogue.")]
    public string? DevicesFile { get; init; }

    /// <summary>Runtime.</summary>
    [CommandOption("--runtime <ID>")]
    [Description("Runtime whose kernel-class efficiencies and per-kernel overhead time the phases (ort-cpu, ort-cuda, tensorrt, torch-eager, torch-cudagraph...). Default: each device's usual runtime.")]
    public string? Runtime { get; init; }

    /// <summary>Prompt tokens.</summary>
    [CommandOption("--prompt <TOKENS>")]
    [Description("Prompt tokens per sequence (k = 1024: 4k = 4096). Default: 512.")]
    public string PromptText { get; init; } = "512";

    /// <summary>Generated tokens.</summary>
    [CommandOption("--generate <TOKENS>")]
    [Description("Tokens generated per sequence. Default: 128.")]
    public string GenerateText { get; init; } = "128";

    /// <summary>Concurrent sequences.</summary>
    [CommandOption("--batch <N>")]
    [Description("Concurrent sequences: scale FLOPs, activations and the KV cache, not the weight traffic. Default: 1.")]
    public string BatchText { get; init; } = "1";

    /// <summary>Weight quantisation.</summary>
    [CommandOption("--quant <SCHEME>")]
    [Description("Weight storage: f32, f16, bf16, fp8, int8, int4, q8_0, q6_k, q5_k_m, q4_k_m, q4_0... Default: the file's own types (config torch_dtype, safetensors or GGUF table).")]
    public string? Quant { get; init; }

    /// <summary>KV cache precision.</summary>
    [CommandOption("--kv-precision <TYPE>")]
    [Description("KV cache storage: fp16, bf16, fp32, fp8, int8, q8_0, q4. Default: fp16.")]
    public string KvPrecision { get; init; } = "fp16";

    /// <summary>Context sweep.</summary>
    [CommandOption("--sweep <context=LIST>")]
    [Description("Memory and per-token decode time at each context, e.g. context=1k,4k,16k,128k.")]
    public string? Sweep { get; init; }

    /// <summary>ONNX precision.</summary>
    [CommandOption("--precision <PRECISION>")]
    [Description("ONNX decoders only: fp32, fp16, bf16 or int8 for memory figures. Default: the model's types.")]
    public string? Precision { get; init; }

    /// <summary>Measure on this machine.</summary>
    [CommandOption("--measure")]
    [Description("ONNX decoders only: also run prefill and --generate decode steps in ONNX Runtime on this CPU, feeding the KV cache back, and print the measured times.")]
    public bool Measure { get; init; }

    /// <summary>Threads for --measure.</summary>
    [CommandOption("--threads <N>")]
    [Description("ONNX Runtime intra-op threads for --measure. Default: ONNX Runtime's choice.")]
    public int? Threads { get; init; }

    /// <summary>Output format.</summary>
    [CommandOption("-f|--format <FORMAT>")]
    [Description("console, json, csv (the device table) or markdown. Default: console (or from --output's extension).")]
    public string? Format { get; init; }

    /// <summary>Output file.</summary>
    [CommandOption("-o|--output <FILE>")]
    [Description("Writes the document to FILE instead of stdout.")]
    public string? Output { get; init; }

    /// <summary>Prompt tokens.</summary>
    public long Prompt => Tokens(PromptText, "--prompt");

    /// <summary>Generated tokens.</summary>
    public long Generate => Tokens(GenerateText, "--generate");

    /// <summary>Concurrent sequences.</summary>
    public long Batch => Tokens(BatchText, "--batch");

    /// <summary>Context lengths of <see cref="Sweep"/>.</summary>
    public IReadOnlyList<long> SweepContexts()
    {
        if (string.IsNullOrWhiteSpace(Sweep))
        {
            return [];
        }

        var parts = Sweep.Split('=', 2);
        if (parts.Length != 2 || !parts[0].Trim().Equals("context", StringComparison.OrdinalIgnoreCase))
        {
            throw new FlopScopeException($"--sweep '{Sweep}': use context=LIST, e.g. context=1k,4k,16k.");
        }

        var list = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => Tokens(t, "--sweep")).ToList();
        return list.Count is > 0 and <= 64 ? list : throw new FlopScopeException("--sweep needs 1 to 64 context lengths.");
    }

    /// <summary>A token count: digits with an optional k (x1024) or m (x1024^2) suffix, 1 to 2^40.</summary>
    public static long Tokens(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        long scale = t.EndsWith('k') ? 1024 : t.EndsWith('m') ? 1024 * 1024 : 1;
        var digits = scale > 1 ? t[..^1] : t;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= (1L << 40) / scale
            ? n * scale
            : throw new FlopScopeException($"{option} '{text}' is not a count from 1 to 2^40 (k = 1024, m = 1024^2 allowed).");
    }
}
