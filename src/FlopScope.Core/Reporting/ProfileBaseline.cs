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
                root.TryGetProperty("convention", out var c) ? c.GetString() ?? "default" : "default");
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
}
