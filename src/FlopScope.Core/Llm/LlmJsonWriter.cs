using System.Text.Json;
using FlopScope.Llm.Phases;
using FlopScope.Reporting;

namespace FlopScope.Llm;

/// <summary>Writes an <see cref="LlmReport"/> as the <c>flopscope.llm/1</c> JSON document (docs/json-contract.md).</summary>
public static class LlmJsonWriter
{
    /// <summary>The document text.</summary>
    public static string Write(LlmReport r) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("schema", "flopscope.llm/1");
        json.WriteString("model", r.Model);
        json.WriteString("source", r.SourceKind);
        json.WriteString("note", "estimates from a roofline model with the device's efficiency factors and per-kernel overhead (docs/llm.md), not measurements; FLOPs are 2 x MACs of the matrix products");
        if (r.Architecture is { } a)
        {
            json.WriteStartObject("architecture");
            json.WriteString("family", a.Family);
            json.WriteNumber("layers", a.Layers);
            json.WriteNumber("hidden", a.Hidden);
            json.WriteNumber("heads", a.Heads);
            json.WriteNumber("kv_heads", a.KvHeads);
            json.WriteNumber("head_dim", a.HeadDim);
            json.WriteNumber("intermediate", a.Intermediate);
            json.WriteNumber("vocab", a.Vocab);
            json.WriteBoolean("tied_embeddings", a.TiedEmbeddings);
            if (a.SlidingWindow is { } w)
            {
                json.WriteNumber("sliding_window", w);
            }

            if (a.Moe is { } m)
            {
                json.WriteNumber("experts", m.Experts);
                json.WriteNumber("experts_per_token", m.ExpertsPerToken);
            }

            json.WriteEndObject();
        }

        json.WriteStartObject("parameters");
        json.WriteNumber("stored", r.StoredParameters);
        if (r.Parameters is { } p)
        {
            json.WriteNumber("architecture", p.Total);
            json.WriteNumber("active_per_token", p.ActivePerToken);
            json.WriteNumber("embedding", p.Embedding);
            json.WriteNumber("output", p.Output);
            json.WriteNumber("attention", p.Attention);
            json.WriteNumber("mlp", p.Mlp);
            json.WriteNumber("routed_experts", p.RoutedExperts);
            json.WriteNumber("shared_experts_and_routers", p.SharedAndRouters);
            json.WriteNumber("norms", p.Norms);
        }

        json.WriteEndObject();
        json.WriteStartObject("weights");
        json.WriteNumber("bytes", r.WeightBytes);
        json.WriteString("source", r.WeightSource);
        json.WriteStartObject("bytes_by_format");
        foreach (var (format, bytes) in r.WeightBytesByFormat.OrderByDescending(kv => kv.Value))
        {
            json.WriteNumber(format, bytes);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("kv_cache");
        json.WriteString("precision", r.KvFormat);
        json.WriteNumber("bytes_per_token", Math.Round(r.KvBytesPerToken, 3));
        json.WriteEndObject();
        json.WriteNumber("prompt", r.Prompt);
        json.WriteNumber("generate", r.Generate);
        json.WriteNumber("batch", r.Batch);
        json.WriteStartArray("devices");
        foreach (var g in r.Devices)
        {
            json.WriteStartObject();
            json.WriteString("id", g.Device.Id);
            json.WriteNumber("time_to_first_token_ms", Math.Round(g.TimeToFirstTokenSeconds * 1e3, 4));
            json.WriteNumber("decode_tokens_per_second", Math.Round(g.DecodeTokensPerSecond, 4));
            json.WriteNumber("total_seconds", Math.Round(g.TotalSeconds, 6));
            json.WriteNumber("required_bytes", Math.Round(g.Memory.RequiredBytes));
            json.WriteNumber("kv_cache_bytes", Math.Round(g.Memory.KvBytes));
            if (g.Memory.Fits is { } fits)
            {
                json.WriteBoolean("fits", fits);
            }

            if (g.Memory.MaxContext is { } max)
            {
                json.WriteNumber("max_context_tokens", max);
            }

            Phase(json, "prefill", g.Prefill);
            Phase(json, "decode", g.Decode);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (r.Sweep.Count > 0)
        {
            json.WriteStartArray("sweep");
            foreach (var s in r.Sweep)
            {
                json.WriteStartObject();
                json.WriteNumber("context", s.Context);
                json.WriteString("device", s.Device);
                json.WriteNumber("kv_cache_bytes", Math.Round(s.Memory.KvBytes));
                json.WriteNumber("required_bytes", Math.Round(s.Memory.RequiredBytes));
                if (s.Memory.Fits is { } fits)
                {
                    json.WriteBoolean("fits", fits);
                }

                json.WriteNumber("decode_ms_per_token", Math.Round(s.Decode.Seconds * 1e3, 4));
                json.WriteString("decode_bound", s.Decode.Bound.ToString().ToLowerInvariant());
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (r.Measured is { } measured)
        {
            json.WriteStartObject("measured");
            json.WriteString("runtime", measured.Runtime);
            json.WriteNumber("prompt", measured.Prompt);
            json.WriteNumber("generate", measured.Generate);
            json.WriteNumber("prefill_ms", Math.Round(measured.PrefillMs, 4));
            json.WriteNumber("decode_median_ms", Math.Round(measured.DecodeMedianMs, 4));
            json.WriteNumber("decode_steps", measured.DecodeSteps);
            json.WriteEndObject();
        }

        json.WriteStartArray("notes");
        foreach (var n in r.Notes)
        {
            json.WriteStringValue(n);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void Phase(Utf8JsonWriter json, string name, PhaseEstimate p)
    {
        json.WriteStartObject(name);
        if (p.Runtime.Length > 0)
        {
            json.WriteString("runtime", p.Runtime);
        }

        json.WriteNumber("new_tokens", p.NewTokens);
        json.WriteNumber("context", p.Past);
        json.WriteNumber("flops", p.Flops);
        json.WriteNumber("weight_bytes", Math.Round(p.WeightBytes));
        json.WriteNumber("kv_read_bytes", Math.Round(p.KvReadBytes));
        json.WriteNumber("kv_write_bytes", Math.Round(p.KvWriteBytes));
        json.WriteNumber("activation_bytes", Math.Round(p.ActivationBytes));
        if (p.ExpertsTouched > 0)
        {
            json.WriteNumber("experts_touched_per_layer", Math.Round(p.ExpertsTouched, 4));
        }

        json.WriteString("compute_precision", p.ComputePrecision.ToString().ToLowerInvariant());
        json.WriteNumber("compute_ms", Math.Round(p.ComputeSeconds * 1e3, 6));
        json.WriteNumber("memory_ms", Math.Round(p.MemorySeconds * 1e3, 6));
        json.WriteNumber("overhead_ms", Math.Round(p.OverheadSeconds * 1e3, 6));
        json.WriteNumber("time_ms", Math.Round(p.Seconds * 1e3, 6));
        json.WriteString("bound", p.Bound.ToString().ToLowerInvariant());
        json.WriteEndObject();
    }
}
