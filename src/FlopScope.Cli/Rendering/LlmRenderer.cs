using System.Globalization;
using FlopScope.Cli.Infrastructure;
using FlopScope.Llm;
using FlopScope.Reporting;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Console view of an <see cref="LlmReport"/>: a model line, one row per device, the context sweep.</summary>
public sealed class LlmRenderer(Consoles consoles)
{
    /// <summary>Writes <paramref name="r"/>.</summary>
    public void Render(LlmReport r)
    {
        var o = consoles.Out;
        o.WriteLine(Headline(r));
        o.WriteLine($"weights: {Units.Bytes(r.WeightBytes)} ({r.WeightSource}: "
            + string.Join(", ", r.WeightBytesByFormat.OrderByDescending(kv => kv.Value).Take(4).Select(kv => $"{kv.Key} {Units.Bytes(kv.Value)}")) + ")"
            + $"; KV cache {Units.Bytes(r.KvBytesPerToken)} per token ({r.KvFormat})");
        foreach (var note in r.Notes)
        {
            o.WriteLine("  " + note, new Style(Color.Grey));
        }

        if (r.Devices.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"Prompt {r.Prompt}, generate {r.Generate}, batch {r.Batch} (roofline estimates, not measurements; FLOPs = 2 x matmul MACs)"))
                .AddColumn("Device").AddColumn(new TableColumn("TTFT ms").RightAligned()).AddColumn("Prefill bound")
                .AddColumn(new TableColumn("Decode tok/s").RightAligned()).AddColumn(new TableColumn("ms/token").RightAligned()).AddColumn("Decode bound")
                .AddColumn(new TableColumn($"Memory at {r.Prompt + r.Generate}").RightAligned()).AddColumn("Fits").AddColumn(new TableColumn("Max context").RightAligned());
            foreach (var g in r.Devices)
            {
                table.AddRow(
                    Markup.Escape(g.Device.Id),
                    F(g.TimeToFirstTokenSeconds * 1e3, "0.#"),
                    Bound(g.Prefill.Bound),
                    F(g.DecodeTokensPerSecond, "0.##"),
                    F(1e3 / g.DecodeTokensPerSecond, "0.##"),
                    Bound(g.Decode.Bound),
                    Units.Bytes(g.Memory.RequiredBytes),
                    g.Memory.Fits switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "?" },
                    g.Memory.MaxContext is { } max ? Units.Grouped(max) : "-");
            }

            o.Write(table);
        }

        if (r.Measured is { } m)
        {
            o.WriteLine($"measured ({m.Runtime}): prefill of {m.Prompt} tokens {F(m.PrefillMs, "0.##")} ms, decode {F(m.DecodeMedianMs, "0.###")} ms/token "
                + $"(median of {m.DecodeSteps} steps, contexts {m.Prompt} to {m.Prompt + m.Generate - 2})");
        }

        if (r.Sweep.Count > 0)
        {
            var sweep = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Context sweep (KV cache {r.KvFormat}, batch {r.Batch}; estimates)"))
                .AddColumn(new TableColumn("Context").RightAligned()).AddColumn("Device").AddColumn(new TableColumn("KV cache").RightAligned())
                .AddColumn(new TableColumn("Needs").RightAligned()).AddColumn("Fits").AddColumn(new TableColumn("Decode ms/token").RightAligned()).AddColumn("Bound");
            foreach (var s in r.Sweep)
            {
                sweep.AddRow(Units.Grouped(s.Context), Markup.Escape(s.Device), Units.Bytes(s.Memory.KvBytes), Units.Bytes(s.Memory.RequiredBytes),
                    s.Memory.Fits switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "?" }, F(s.Decode.Seconds * 1e3, "0.###"), Bound(s.Decode.Bound));
            }

            o.Write(sweep);
        }
    }

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

    private static string Bound(FlopScope.Hardware.Bound bound) => bound switch
    {
        FlopScope.Hardware.Bound.Memory => "memory-bound",
        FlopScope.Hardware.Bound.Compute => "compute-bound",
        FlopScope.Hardware.Bound.Overhead => "overhead-bound",
        _ => "-",
    };

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
