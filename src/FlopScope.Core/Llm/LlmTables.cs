using System.Globalization;
using FlopScope.Hardware;
using FlopScope.Llm.Phases;
using FlopScope.Reporting;

namespace FlopScope.Llm;

/// <summary>The human document of an <see cref="LlmReport"/>: lines above, one row per device, the context sweep, notes.</summary>
public static class LlmTables
{
    /// <summary>Model, weights and KV cache lines, and the measured generation when there is one.</summary>
    public static IReadOnlyList<string> Lines(LlmReport r)
    {
        var lines = new List<string>
        {
            Headline(r),
            $"weights: {Units.Bytes(r.WeightBytes)} ({r.WeightSource}: "
                + string.Join(", ", r.WeightBytesByFormat.OrderByDescending(kv => kv.Value).Take(4).Select(kv => $"{kv.Key} {Units.Bytes(kv.Value)}")) + ")"
                + $"; KV cache {Units.Bytes(r.KvBytesPerToken)} per token ({r.KvFormat})",
        };
        if (r.Measured is { } m)
        {
            lines.Add($"measured ({m.Runtime}): prefill of {m.Prompt} tokens {F(m.PrefillMs, "0.##")} ms, decode {F(m.DecodeMedianMs, "0.###")} ms/token "
                + $"(median of {m.DecodeSteps} steps, contexts {m.Prompt} to {m.Prompt + m.Generate - 2})");
        }

        return lines;
    }

    /// <summary>The device table (when devices were named) and the sweep table (with --sweep).</summary>
    public static IReadOnlyList<ResultTable> Tables(LlmReport r)
    {
        var tables = new List<ResultTable>();
        if (r.Devices.Count > 0)
        {
            tables.Add(ResultTable.Of($"Prompt {r.Prompt}, generate {r.Generate}, batch {r.Batch} (roofline estimates, not measurements; FLOPs = 2 x matmul MACs)",
                "devices", Devices(r.Prompt + r.Generate), r.Devices));
        }

        if (r.Sweep.Count > 0)
        {
            tables.Add(ResultTable.Of($"Context sweep (KV cache {r.KvFormat}, batch {r.Batch}; estimates)", "sweep", Sweep(), r.Sweep));
        }

        return tables;
    }

    /// <summary>Columns of the device table.</summary>
    public static IReadOnlyList<Column<GenerationEstimate>> Devices(long context) =>
    [
        new("Device", "id", g => g.Device.Id, g => g.Device.Id, Numeric: false),
        new("TTFT ms", "time_to_first_token_ms", g => Raw(g.TimeToFirstTokenSeconds * 1e3), g => F(g.TimeToFirstTokenSeconds * 1e3, "0.#")),
        new("Prefill", "prefill_bound", g => BoundText(g.Prefill.Bound), g => BoundText(g.Prefill.Bound), Numeric: false),
        new("Decode tok/s", "decode_tokens_per_second", g => Raw(g.DecodeTokensPerSecond), g => F(g.DecodeTokensPerSecond, "0.##")),
        new("ms/token", "decode_ms_per_token", g => Raw(1e3 / g.DecodeTokensPerSecond), g => F(1e3 / g.DecodeTokensPerSecond, "0.##")),
        new("Decode", "decode_bound", g => BoundText(g.Decode.Bound), g => BoundText(g.Decode.Bound), Numeric: false),
        new($"Memory at {context}", "required_bytes", g => Raw(Math.Round(g.Memory.RequiredBytes)), g => Units.Bytes(g.Memory.RequiredBytes)),
        new("Fits", "fits", g => Fits(g.Memory.Fits), g => Fits(g.Memory.Fits) is { Length: > 0 } f ? f : "?", Numeric: false, Style: g => FitStyle(g.Memory.Fits)),
        new("Max context", "max_context_tokens", g => g.Memory.MaxContext?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, g => g.Memory.MaxContext is { } m ? Units.Grouped(m) : "-"),
    ];

    /// <summary>Columns of the sweep table.</summary>
    public static IReadOnlyList<Column<LlmSweepRow>> Sweep() =>
    [
        new("Context", "context", s => Raw(s.Context), s => Units.Grouped(s.Context)),
        new("Device", "device", s => s.Device, s => s.Device, Numeric: false),
        new("KV cache", "kv_cache_bytes", s => Raw(Math.Round(s.Memory.KvBytes)), s => Units.Bytes(s.Memory.KvBytes)),
        new("Needs", "required_bytes", s => Raw(Math.Round(s.Memory.RequiredBytes)), s => Units.Bytes(s.Memory.RequiredBytes)),
        new("Fits", "fits", s => Fits(s.Memory.Fits), s => Fits(s.Memory.Fits) is { Length: > 0 } f ? f : "?", Numeric: false, Style: s => FitStyle(s.Memory.Fits)),
        new("Decode ms/token", "decode_ms_per_token", s => Raw(s.Decode.Seconds * 1e3), s => F(s.Decode.Seconds * 1e3, "0.###")),
        new("Decode", "decode_bound", s => BoundText(s.Decode.Bound), s => BoundText(s.Decode.Bound), Numeric: false),
    ];

    /// <summary>"memory-bound", "compute-bound", "overhead-bound".</summary>
    public static string BoundText(Bound bound) => bound switch
    {
        Bound.Memory => "memory-bound",
        Bound.Compute => "compute-bound",
        Bound.Overhead => "overhead-bound",
        _ => "-",
    };

    private static string Headline(LlmReport r)
    {
        var text = $"{r.Model} ({r.SourceKind}): ";
        if (r.Architecture is { } a)
        {
            text += $"{a.Family}, {a.Layers} layers, hidden {a.Hidden}, {a.Heads} heads / {a.KvHeads} KV heads x {a.HeadDim}";
            if (a.Moe is { } m)
            {
                text += $", {m.Experts} experts (top-{m.ExpertsPerToken})";
            }

            if (a.SlidingWindow is { } w)
            {
                text += $", window {w}";
            }

            text += "; ";
        }

        text += $"{Units.Grouped(r.StoredParameters)} parameters";
        if (r.Parameters is { } p && p.ActivePerToken != p.Total)
        {
            text += $" ({Units.Grouped(p.ActivePerToken)} active per token)";
        }

        return text;
    }

    private static string Fits(bool? fits) => fits switch { true => "yes", false => "no", _ => string.Empty };

    private static string? FitStyle(bool? fits) => fits switch { true => "green", false => "red", _ => null };

    private static string Raw(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
