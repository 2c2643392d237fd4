using System.Globalization;
using FlopScope.Cli.Exporting;
using FlopScope.Reporting;
using FlopScope.Runtime;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Renders a bench report: latency, throughput, memory, then measured time next to FLOPs per op type,
/// layer and module.</summary>
internal sealed class BenchRenderer(IAnsiConsole console)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One line: model, median, throughput, achieved GFLOP/s.</summary>
    public static string SummaryLine(BenchReport r) => string.Create(Invariant,
        $"{r.Model} bench: median {r.Latency.MedianMs:F3} ms over {r.Latency.Runs} runs, {r.InferencesPerSecond:F1} inferences/s, {r.ItemsPerSecond:F1} items/s, {r.AchievedGflops:F1} GFLOP/s ({r.Machine.Provider}, {Threads(r)}, optimization {r.Machine.GraphOptimization})");

    public void Render(BenchReport r, int top)
    {
        console.WriteLine(SummaryLine(r));
        console.WriteLine(string.Create(Invariant,
            $"machine: {r.Machine.Cpu}, {r.Machine.Cores} logical cores, {r.Machine.Os}, ONNX Runtime {r.Machine.OrtVersion}"));
        console.WriteLine("inputs: " + string.Join(", ", r.Inputs.Select(i => $"{i.Name} {i.DataType} {string.Join("x", i.Shape)} ({i.Source})")));
        var l = r.Latency;
        var latencyColumns = new (string Header, double Value, int Priority)[]
        {
            ("min", l.MinMs, 1), ("median", l.MedianMs, 0), ("mean", l.MeanMs, 1), ("p90", l.P90Ms, 0), ("p99", l.P99Ms, 1), ("max", l.MaxMs, 2), ("std dev", l.StdDevMs, 2),
        }.Select(c => new Column<LatencyStats>(c.Header, c.Header, _ => c.Value.ToString(Invariant), _ => F(c.Value), Priority: c.Priority))
            .Prepend(new Column<LatencyStats>("runs", "runs", x => x.Runs.ToString(Invariant), x => x.Runs.ToString(Invariant), Priority: 1)).ToList();
        var latency = Build("latency (ms)", latencyColumns, [l]);
        console.Write(latency);
        console.WriteLine(string.Create(Invariant,
            $"throughput {r.InferencesPerSecond:F1} inferences/s, {r.ItemsPerSecond:F1} items/s at batch {r.Batch}; session creation {r.SessionCreationMs:F0} ms; peak memory {r.PeakMemoryBytes / 1048576.0:F0} MiB; {r.TotalFlops / 1e9:F2} GFLOPs per inference"));

        if (r.Phases is { } phases)
        {
            var step = phases.DecodeStep;
            var loop = phases.Loop;
            console.WriteLine(string.Create(Invariant,
                $"decoder phases (measured): prefill of {phases.Prompt} tokens {r.Latency.MedianMs:F3} ms median (this document); one decode step after {phases.Context} cached tokens {step.Latency.MedianMs:F3} ms median over {step.Latency.Runs} runs"));
            console.WriteLine(string.Create(Invariant,
                $"generation loop ({phases.Generate} tokens, present.* fed back as past_key_values.*, median of {loop.Generations} generations): prefill {loop.PrefillMs:F3} ms, decode {loop.Decode.MedianMs:F3} ms/token ({loop.DecodeTokensPerSecond:F1} tokens/s) over {loop.Decode.Runs} steps"));
            if (step.Estimate is { } stepEstimate)
            {
                console.WriteLine(string.Create(Invariant,
                    $"decode step estimated on {stepEstimate.Device}: {stepEstimate.EstimatedMs:F3} ms ({stepEstimate.EstimatedMs / step.Latency.MedianMs:F2}x the measured step)"));
            }
        }

        RenderEstimate(r, top);
        if (r.Layers is not { } t)
        {
            return;
        }

        console.WriteLine(string.Create(Invariant,
            $"per-layer times ({t.Attribution}): mean of {t.Runs} profiled runs, {t.RunMs:F3} ms per run, of which {t.KernelMs:F3} ms in kernels. {t.Note}"));
        console.Write(GroupTable("by op type (time share vs FLOP share)", "op", t.ByOp.Take(top)));
        var kernelOps = t.Kernels.SelectMany(k => k.Covers.Select(c => (c, k.Op))).GroupBy(x => x.c).ToDictionary(g => g.Key, g => g.First().Op);
        var totalFlops = Math.Max(1, t.Layers.Sum(x => x.TotalFlops));
        var layerColumns = new List<Column<LayerTime>>
        {
            new("layer", "name", x => x.Name, x => x.Name, Numeric: false, Fit: ColumnFit.Shorten),
            new("op", "op", x => x.Op, x => x.Op, Numeric: false, Priority: 1),
            new("kernel", "kernel", x => x.Kernel ?? string.Empty, x => x.Kernel is null ? "(removed)" : kernelOps.GetValueOrDefault(x.Index, "?") + (x.Fused ? " (fused)" : string.Empty),
                Numeric: false, Priority: 3, Fit: ColumnFit.Wrap),
            new("FLOPs", "total_flops", x => x.TotalFlops.ToString(Invariant), x => Human(x.TotalFlops), Priority: 1),
            new("time ms", "time_ms", x => x.TimeMs.ToString(Invariant), x => F(x.TimeMs)),
            new("% time", "time_share", x => string.Empty, x => P(t.KernelMs > 0 ? x.TimeMs / t.KernelMs : 0)),
            new("% FLOPs", "flops_share", x => string.Empty, x => P((double)x.TotalFlops / totalFlops), Priority: 2),
            new("GFLOP/s", "gflops", x => string.Empty, x => x.TimeMs > 0 ? (x.TotalFlops / (x.TimeMs * 1e6)).ToString("F1", Invariant) : "-", Priority: 2),
        };
        var layers = Build($"top {top} layers by time", layerColumns, t.Layers.OrderByDescending(x => x.TimeMs).Take(top));
        console.Write(layers);
        if (t.ByModule.Count > 1)
        {
            console.Write(GroupTable("by module", "module", t.ByModule.OrderByDescending(m => m.TimeMs).Take(top)));
        }

        foreach (var g in t.ByOp.Where(g => g.TimeShare > 2 * g.FlopsShare && g.TimeShare >= 0.05).Take(3))
        {
            console.WriteLine(string.Create(Invariant, $"{g.Key}: {g.FlopsShare * 100:F1}% of FLOPs, {g.TimeShare * 100:F1}% of time"));
        }
    }

    private Table GroupTable(string title, string keyColumn, IEnumerable<GroupTime> rows) => Build(title,
    [
        new(keyColumn, "key", g => g.Key, g => g.Key, Numeric: false, Fit: ColumnFit.Shorten),
        new("nodes", "nodes", g => g.Nodes.ToString(Invariant), g => g.Nodes.ToString(Invariant), Priority: 2),
        new("FLOPs", "total_flops", g => g.TotalFlops.ToString(Invariant), g => Human(g.TotalFlops), Priority: 1),
        new("time ms", "time_ms", g => g.TimeMs.ToString(Invariant), g => F(g.TimeMs)),
        new("% time", "time_share", g => g.TimeShare.ToString(Invariant), g => P(g.TimeShare)),
        new("% FLOPs", "flops_share", g => g.FlopsShare.ToString(Invariant), g => P(g.FlopsShare)),
        new("GFLOP/s", "gflops", g => g.Gflops.ToString(Invariant), g => g.TimeMs > 0 ? g.Gflops.ToString("F1", Invariant) : "-", Priority: 2),
    ], rows);

    private Table Build<T>(string title, IReadOnlyList<Column<T>> columns, IEnumerable<T> rows) =>
        ConsoleTables.Build(ResultTable.Of(title, string.Empty, columns, rows), console.Profile.Width);

    private static string Threads(BenchReport r) => r.Machine.Threads > 0 ? $"{r.Machine.Threads} threads" : "default threads";

    private static string F(double ms) => ms.ToString(ms < 1 ? "F3" : "F2", Invariant);

    private static string P(double share) => (share * 100).ToString("F1", Invariant) + "%";

    private static string Human(long flops) => flops switch
    {
        >= 1_000_000_000 => (flops / 1e9).ToString("F2", Invariant) + " G",
        >= 1_000_000 => (flops / 1e6).ToString("F2", Invariant) + " M",
        >= 1_000 => (flops / 1e3).ToString("F1", Invariant) + " K",
        _ => flops.ToString(Invariant),
    };

    private void RenderEstimate(BenchReport r, int top)
    {
        if (r.Estimate is not { } e)
        {
            return;
        }

        console.WriteLine(string.Create(Invariant,
            $"estimated on {e.Device} under {e.Runtime}: {e.EstimatedMs:F3} ms vs measured median {e.MeasuredMs:F3} ms (estimate / measured = {e.Ratio:F2}; roofline estimate, docs/estimator.md)"));
        if (e.ByOp.All(o => o.MeasuredMs is null))
        {
            return;
        }

        var table = Build("estimated vs measured by op type (ms per run)",
        [
            new("op", "op", o => o.Op, o => o.Op, Numeric: false),
            new("estimated", "estimated_ms", o => o.EstimatedMs.ToString(Invariant), o => F(o.EstimatedMs)),
            new("measured", "measured_ms", o => string.Empty, o => o.MeasuredMs is { } m ? F(m) : "-"),
            new("est / meas", "ratio", o => string.Empty, o => o.MeasuredMs is > 0 ? (o.EstimatedMs / o.MeasuredMs.Value).ToString("0.00", Invariant) : "-"),
        ], e.ByOp.Take(top));
        console.Write(table);
    }
}
