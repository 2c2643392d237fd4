using System.Globalization;
using System.Net;
using FlopScope.Llm;
using FlopScope.Llm.Phases;
using FlopScope.Reporting;

namespace FlopScope.Reports.Html;

/// <summary>
/// One self-contained HTML page of an <see cref="LlmReport"/> (<c>flopscope llm --format html</c>): the model and
/// weight lines, the device table and sweep (the same <see cref="LlmTables"/> as every other format), and the
/// prefill/decode split per device: each phase's FLOPs, bytes moved (weights, KV cache, activations), compute,
/// memory and overhead times and bound, and a bar of how a generation's time divides between the prefill (time to
/// first token) and the N - 1 decode steps. Estimates are labelled as such; a measured loop sits beside them.
/// Elements carry ids and <c>data-key</c> attributes for tests and scripts.
/// </summary>
public static class LlmHtmlWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the page of <paramref name="report"/>.</summary>
    public static void Write(LlmReport report, TextWriter output, string? modelPath = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        output.Write($"<meta name=\"generator\" content=\"flopscope\">\n<title>{E(report.Model)}: FlopScope LLM report</title>\n");
        output.Write($"<style>{HtmlAssets.Css}{Css}</style>\n</head>\n<body>\n<main>\n");
        output.Write($"<header><h1>{E(report.Model)}</h1><p class=\"sub\">language model, prefill and decode (roofline estimates, not measurements)"
            + (modelPath is { } path ? $" &middot; <code>{E(path)}</code>" : string.Empty) + "</p></header>\n");

        output.Write("<section id=\"summary\"><h2>Summary</h2>\n");
        foreach (var line in LlmTables.Lines(report))
        {
            output.Write($"<p class=\"line\">{E(line)}</p>\n");
        }

        output.Write("</section>\n");
        foreach (var table in LlmTables.Tables(report))
        {
            output.Write($"<section id=\"{E(table.Key)}\"><h2>{E(table.Key == "devices" ? "Devices" : "Context sweep")}</h2><p class=\"note\">{E(table.Title)}</p>\n");
            Table(output, table);
            output.Write("</section>\n");
        }

        WritePhases(output, report);
        if (report.Notes.Count > 0)
        {
            output.Write("<section id=\"notes\"><h2>Notes</h2><ul>\n");
            foreach (var note in report.Notes)
            {
                output.Write($"<li>{E(note)}</li>\n");
            }

            output.Write("</ul></section>\n");
        }

        output.Write("</main>\n</body>\n</html>\n");
    }

    private static void WritePhases(TextWriter output, LlmReport report)
    {
        output.Write("<section id=\"phases\"><h2>Prefill and decode</h2>\n");
        output.Write($"<p class=\"note\">Prefill: {report.Prompt} prompt tokens into an empty cache (time to first token). Decode: one token per sequence "
            + $"after {report.Prompt} cached tokens; a generation of {report.Generate} tokens runs {Math.Max(0, report.Generate - 1)} decode steps. "
            + "Time = max(compute, memory) + per-kernel overhead; FLOPs = 2 x matmul MACs. Estimates.</p>\n");
        if (report.Measured is { } m)
        {
            output.Write($"<p class=\"measured\" data-key=\"measured\" data-prefill-ms=\"{R(m.PrefillMs)}\" data-decode-ms=\"{R(m.DecodeMedianMs)}\">"
                + E($"Measured ({m.Runtime}): prefill {m.PrefillMs.ToString("0.##", Invariant)} ms, decode {m.DecodeMedianMs.ToString("0.###", Invariant)} ms/token "
                    + $"({(1000 / m.DecodeMedianMs).ToString("0.#", Invariant)} tokens/s), median of {m.DecodeSteps} steps with the cache fed back") + "</p>\n");
        }

        foreach (var g in report.Devices)
        {
            var total = g.TotalSeconds;
            var prefillShare = total > 0 ? g.Prefill.Seconds / total : 0;
            output.Write($"<div class=\"device\" data-device=\"{E(g.Device.Id)}\"><h3>{E(g.Device.Id)} <span class=\"note\">{E(g.Prefill.Runtime)}</span></h3>\n");
            output.Write($"<div class=\"split\" data-key=\"split\" data-prefill-share=\"{R(prefillShare)}\" title=\"share of the generation's time\">"
                + $"<span class=\"prefill\" style=\"width:{(prefillShare * 100).ToString("0.##", Invariant)}%\"></span>"
                + $"<span class=\"decode\" style=\"width:{((1 - prefillShare) * 100).ToString("0.##", Invariant)}%\"></span></div>\n");
            output.Write("<p class=\"note\">" + E($"generation of {g.Generate} tokens: {Ms(total * 1e3)} ms = prefill {Ms(g.Prefill.Seconds * 1e3)} ms ({P(prefillShare)}) "
                + $"+ {Math.Max(0, g.Generate - 1)} decode steps {Ms(g.DecodeSeconds * 1e3)} ms ({P(1 - prefillShare)}); {g.DecodeTokensPerSecond.ToString("0.##", Invariant)} decode tokens/s")
                + "</p>\n");
            output.Write("<div class=\"scroll\"><table class=\"data phases\"><thead><tr>");
            foreach (var (header, key) in Headers)
            {
                output.Write($"<th data-key=\"{key}\"{(key is "phase" or "bound" ? string.Empty : " class=\"num\"")}>{E(header)}</th>");
            }

            output.Write("</tr></thead>\n<tbody>\n");
            foreach (var phase in new[] { g.Prefill, g.Decode })
            {
                output.Write($"<tr data-phase=\"{E(phase.Phase)}\">");
                Cell(output, "phase", phase.Phase, phase.Phase, numeric: false);
                Cell(output, "new_tokens", R(phase.NewTokens), Units.Grouped(phase.NewTokens));
                Cell(output, "context", R(phase.Past), Units.Grouped(phase.Past));
                Cell(output, "flops", R(phase.Flops), Units.Si(phase.Flops) + "FLOPs");
                Cell(output, "weight_bytes", R(phase.WeightBytes), Units.Bytes(phase.WeightBytes));
                Cell(output, "kv_read_bytes", R(phase.KvReadBytes), Units.Bytes(phase.KvReadBytes));
                Cell(output, "activation_bytes", R(phase.ActivationBytes), Units.Bytes(phase.ActivationBytes));
                Cell(output, "compute_ms", R(phase.ComputeSeconds * 1e3), Ms(phase.ComputeSeconds * 1e3));
                Cell(output, "memory_ms", R(phase.MemorySeconds * 1e3), Ms(phase.MemorySeconds * 1e3));
                Cell(output, "overhead_ms", R(phase.OverheadSeconds * 1e3), Ms(phase.OverheadSeconds * 1e3));
                Cell(output, "time_ms", R(phase.Seconds * 1e3), Ms(phase.Seconds * 1e3));
                Cell(output, "tokens_per_s", R(phase.TokensPerSecond), phase.TokensPerSecond.ToString("0.##", Invariant));
                Cell(output, "bound", LlmTables.BoundText(phase.Bound), LlmTables.BoundText(phase.Bound), numeric: false);
                output.Write("</tr>\n");
            }

            output.Write("</tbody></table></div></div>\n");
        }

        output.Write("</section>\n");
    }

    private static readonly (string Header, string Key)[] Headers =
    [
        ("Phase", "phase"), ("New tokens", "new_tokens"), ("Context", "context"), ("FLOPs", "flops"), ("Weights read", "weight_bytes"),
        ("KV read", "kv_read_bytes"), ("Activations", "activation_bytes"), ("Compute ms", "compute_ms"), ("Memory ms", "memory_ms"),
        ("Overhead ms", "overhead_ms"), ("Time ms", "time_ms"), ("Tokens/s", "tokens_per_s"), ("Bound", "bound"),
    ];

    private const string Css = """

        .line { margin: 2px 0; }
        .measured { font-weight: 600; color: #276749; }
        .device { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; margin: 10px 0; }
        .split { display: flex; height: 18px; border-radius: 4px; overflow: hidden; border: 1px solid var(--line); margin: 4px 0; }
        .split .prefill { background: #dd6b20; } .split .decode { background: #2b6cb0; }
        table.data { border-collapse: collapse; width: 100%; background: #fff; }
        table.data th, table.data td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; }

        """;

    private static void Table(TextWriter output, ResultTable table)
    {
        var columns = table.Columns.Select((c, i) => (c, i)).Where(x => !x.c.JsonOnly).ToArray();
        output.Write($"<div class=\"scroll\"><table id=\"table-{E(table.Key)}\" class=\"data\"><thead><tr>");
        foreach (var (c, _) in columns)
        {
            output.Write($"<th data-key=\"{E(c.Key)}\"{(c.Numeric ? " class=\"num\"" : string.Empty)}>{E(c.Header)}</th>");
        }

        output.Write("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            output.Write("<tr>");
            foreach (var (c, i) in columns)
            {
                Cell(output, c.Key, row[i].Raw, row[i].Text, c.Numeric);
            }

            output.Write("</tr>\n");
        }

        output.Write("</tbody></table></div>\n");
    }

    private static void Cell(TextWriter output, string key, string raw, string text, bool numeric = true) =>
        output.Write($"<td data-key=\"{E(key)}\" data-value=\"{E(raw)}\"{(numeric ? " class=\"num\"" : string.Empty)}>{E(text)}</td>");

    private static string R(double value) => value.ToString("R", Invariant);

    private static string Ms(double ms) => ms.ToString(ms >= 100 ? "0.#" : ms >= 1 ? "0.###" : "0.####", Invariant);

    private static string P(double share) => share.ToString("0.#%", Invariant);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
