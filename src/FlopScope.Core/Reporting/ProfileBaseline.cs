using System.Text.Json;
using FlopScope.Errors;

namespace FlopScope.Reporting;

/// <summary>
/// The headline figures of an earlier profile, read back from its <c>--format json</c> document (schema
/// <c>flopscope.profile/1</c>), to show how a change moved them.
/// </summary>
/// <param name="Model">Model name recorded in the baseline.</param>
/// <param name="Input">Input shapes recorded in the baseline (<c>1x3x224x224</c>).</param>
/// <param name="Flops">FLOPs (2 x MACs under the baseline's convention).</param>
/// <param name="Parameters">Parameters (elements).</param>
/// <param name="TotalFlops">All arithmetic.</param>
/// <param name="PeakMemoryBytes">Weights + peak activations in bytes (<c>summary.memory.total_bytes</c>).</param>
/// <param name="Convention">Convention name of the baseline.</param>
public sealed record ProfileBaseline(string Model, string Input, long Flops, long Parameters, long TotalFlops, long PeakMemoryBytes, string Convention)
{
    /// <summary>The baseline's per-op-type totals (<c>by_op</c>); empty when it has none.</summary>
    public IReadOnlyList<BaselineGroup> ByOp { get; init; } = [];

    /// <summary>The baseline's per-module totals (<c>by_module</c>) at <see cref="ModuleDepth"/>; empty when it has none.</summary>
    public IReadOnlyList<BaselineGroup> ByModule { get; init; } = [];

    /// <summary>Depth of <see cref="ByModule"/> (<c>module_depth</c>; 1 when absent).</summary>
    public int ModuleDepth { get; init; } = 1;

    /// <summary>Reads a baseline from a JSON file; throws <see cref="FlopScopeException"/> when it is not a profile.</summary>
    public static ProfileBaseline Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FlopScopeException($"Baseline file not found: {path}");
        }

        return Parse(Safety.BoundedFile.ReadJson(path, "baseline"), path);
    }

    /// <summary>Parses a baseline from the text of a <c>flopscope.profile/1</c> document.</summary>
    public static ProfileBaseline Parse(string json, string source = "baseline")
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schema", out var schema) || schema.GetString() != JsonReportWriter.Schema)
            {
                throw new FlopScopeException($"{source} is not a flopscope profile (expected \"schema\": \"{JsonReportWriter.Schema}\"; write one with --format json).");
            }

            var summary = root.GetProperty("summary");
            var inputs = root.GetProperty("inputs").EnumerateArray().Select(i => (
                Name: i.GetProperty("name").GetString() ?? "?",
                Shape: string.Join("x", i.GetProperty("shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : "?")))).ToList();
            var input = inputs.Count == 1 ? inputs[0].Shape : string.Join(", ", inputs.Select(i => $"{i.Name}={i.Shape}"));
            return new ProfileBaseline(
                root.GetProperty("model").GetProperty("name").GetString() ?? "?",
                input,
                summary.GetProperty("flops").GetInt64(),
                summary.GetProperty("parameters").GetInt64(),
                summary.GetProperty("total_flops").GetInt64(),
                summary.GetProperty("memory").GetProperty("total_bytes").GetInt64(),
                root.TryGetProperty("convention", out var c) ? c.GetString() ?? "default" : "default")
            {
                ByOp = Groups(root, "by_op", "op", "count"),
                ByModule = Groups(root, "by_module", "module", "nodes"),
                ModuleDepth = root.TryGetProperty("module_depth", out var depth) && depth.TryGetInt32(out var d) ? d : 1,
            };
        }
        catch (JsonException e)
        {
            throw new FlopScopeException($"{source} is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FlopScopeException($"{source} lacks a field of the flopscope.profile/1 summary ({e.Message}).");
        }
    }

    private static BaselineGroup[] Groups(JsonElement root, string array, string key, string count) =>
        root.TryGetProperty(array, out var rows) && rows.ValueKind == JsonValueKind.Array
            ? rows.EnumerateArray().Select(r => new BaselineGroup(
                r.GetProperty(key).GetString() ?? "?",
                r.TryGetProperty(count, out var n) ? n.GetInt64() : 0,
                r.GetProperty("params").GetInt64(),
                r.GetProperty("flops").GetInt64(),
                r.GetProperty("total_flops").GetInt64())).ToArray()
            : [];
}

/// <summary>One row of a baseline's per-op-type or per-module table.</summary>
/// <param name="Name">Op type or module.</param>
/// <param name="Count">Nodes.</param>
/// <param name="Parameters">Parameters (elements).</param>
/// <param name="Flops">FLOPs (2 x MACs under the baseline's convention).</param>
/// <param name="TotalFlops">All arithmetic.</param>
public sealed record BaselineGroup(string Name, long Count, long Parameters, long Flops, long TotalFlops);
