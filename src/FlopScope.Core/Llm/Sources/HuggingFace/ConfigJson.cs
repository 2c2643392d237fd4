using System.Text.Json;
using FlopScope.Errors;
using FlopScope.Safety;

namespace FlopScope.Llm.Sources.HuggingFace;

/// <summary>Typed, validated reads of a Hugging Face config object: every count is range-checked, every wrong type
/// is a one-line error naming the key.</summary>
internal sealed class ConfigJson(JsonElement root, string source)
{
    /// <summary>Largest width, vocabulary or context a config may declare (2^31): beyond it the file is not a real model.</summary>
    private const long Limit = int.MaxValue;

    public string Source => source;

    public bool Has(string key) => root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public string? String(string key) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public long? OptionalLong(string key, long min = 0, long max = Limit)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var value))
        {
            throw new FlopScopeException($"{source}: '{key}' must be an integer, got {Short(v)}.");
        }

        return value < min || value > max
            ? throw new FlopScopeException($"{source}: '{key}' = {value} is outside [{min}, {max}].")
            : value;
    }

    public long Long(string key, long min = 1, long max = Limit) =>
        OptionalLong(key, min, max) ?? throw new FlopScopeException($"{source}: '{key}' is missing.");

    /// <summary>The first of <paramref name="keys"/> present, as a positive integer.</summary>
    public long AnyLong(params string[] keys) =>
        keys.Select(k => OptionalLong(k, 1)).FirstOrDefault(v => v is not null)
        ?? throw new FlopScopeException($"{source}: '{keys[0]}' is missing.");

    public int Int(string key, int min = 1, int max = 1 << 20) => (int)Long(key, min, max);

    public bool Bool(string key, bool fallback)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new FlopScopeException($"{source}: '{key}' must be true or false, got {Short(v)}."),
        };
    }

    /// <summary>An integer list (e.g. <c>mlp_only_layers</c>), at most <paramref name="maxCount"/> entries.</summary>
    public IReadOnlyList<long> Longs(string key, int maxCount)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > maxCount)
        {
            throw new FlopScopeException($"{source}: '{key}' must be a list of at most {maxCount} integers.");
        }

        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var x) ? x
            : throw new FlopScopeException($"{source}: '{key}' must hold integers, got {Short(e)}.")).ToList();
    }

    /// <summary>A string list (e.g. <c>layer_types</c>), at most <paramref name="maxCount"/> entries.</summary>
    public IReadOnlyList<string>? Strings(string key, int maxCount)
    {
        if (!root.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() > maxCount)
        {
            throw new FlopScopeException($"{source}: '{key}' must be a list of at most {maxCount} strings.");
        }

        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()!
            : throw new FlopScopeException($"{source}: '{key}' must hold strings, got {Short(e)}.")).ToList();
    }

    public ConfigJson? Child(string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object ? new ConfigJson(v, source + " " + key) : null;

    private static string Short(JsonElement v)
    {
        var text = SafeText.Clean(v.GetRawText());
        return text.Length > 40 ? text[..40] + "..." : text;
    }
}
