using FlopScope.Errors;
using FlopScope.Llm.Quantization;
using FlopScope.Llm.Sources.Gguf;
using FlopScope.Llm.Sources.HuggingFace;
using FlopScope.Llm.Sources.Safetensors;

namespace FlopScope.Llm.Sources;

/// <summary>
/// Opens a language model from a Hugging Face config (file or folder, with safetensors headers beside it when
/// present) or a GGUF file. ONNX decoders are profiled from their graph instead (FlopScope.Onnx).
/// </summary>
public static class LlmSource
{
    /// <summary>True when <paramref name="path"/> starts with the GGUF magic.</summary>
    public static bool IsGguf(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.Read(magic) == 4 && magic.SequenceEqual("GGUF"u8);
    }

    /// <summary>Opens <paramref name="path"/>; <paramref name="quant"/> overrides the stored types ("what if it were
    /// Q4_K_M"), else a config's torch_dtype, its safetensors headers or the GGUF table decide the bytes.</summary>
    public static LlmModel Load(string path, QuantScheme? quant)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FlopScopeException($"Model not found: '{path}'.");
        }

        try
        {
            return IsGguf(path) ? Gguf(path, quant) : HuggingFace(path, quant);
        }
        catch (OverflowException)
        {
            throw new FlopScopeException($"{path}: the declared sizes overflow 64-bit arithmetic.");
        }
    }

    private static LlmModel Gguf(string path, QuantScheme? quant)
    {
        var model = GgufModel.Read(path);
        return quant is null ? model : model with
        {
            Weights = quant.Apply(model.Architecture, model.Tensors),
            Notes = [.. model.Notes, $"--quant {quant.Name}: weight bytes follow {quant.Name} applied to the architecture, not the file's own types"],
        };
    }

    private static LlmModel HuggingFace(string path, QuantScheme? quant)
    {
        var architecture = HuggingFaceConfig.Read(path);
        var name = Directory.Exists(path) ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) : Path.GetFileName(path);
        var model = LlmModel.FromArchitecture(name, "config.json", architecture, quant ?? QuantScheme.Parse(architecture.WeightType));
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var files = SafetensorsHeader.Files(folder);
        if (files.Count == 0)
        {
            return model;
        }

        var tensors = files.SelectMany(SafetensorsHeader.Read).ToList();
        var notes = SafetensorsWeights.Compare(tensors, architecture, model.Parameters.Total).ToList();
        if (quant is not null)
        {
            notes.Add($"--quant {quant.Name}: weight bytes follow {quant.Name} applied to the architecture");
            return model with { Notes = notes };
        }

        return model with { Weights = SafetensorsWeights.Footprint(tensors, architecture.TiedEmbeddings, files.Count), Notes = notes };
    }
}
