using System.Globalization;
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
        var latency = new Table().Border(TableBorder.Rounded).Title("latency (ms)");
        foreach (var column in new[] { "runs", "min", "median", "mean", "p90", "p99", "max", "std dev" })
        {
            latency.AddColumn(new TableColumn(column).RightAligned());
        }

        var l = r.Latency;
        latency.AddRow(new[] { l.Runs.ToString(Invariant), F(l.MinMs), F(l.MedianMs), F(l.MeanMs), F(l.P90Ms), F(l.P99Ms), F(l.MaxMs), F(l.StdDevMs) });
        console.Write(latency);
        console.WriteLine(string.Create(Invariant,
            $"throughput {r.InferencesPerSecond:F1} inferences/s, {r.ItemsPerSecond:F1} items/s at batch {r.Batch}; session creation {r.SessionCreationMs:F0} ms; peak memory {r.PeakMemoryBytes / 1048576.0:F0} MiB; {r.TotalFlops / 1e9:F2} GFLOPs per inference"));

        RenderEstimate(r, top);
        if (r.Layers is not { } t)
        {
            return;
        }

        console.WriteLine(string.Create(Invariant,
            $"per-layer times ({t.Attribution}): mean of {t.Runs} profiled runs, {t.RunMs:F3} ms per run, of which {t.KernelMs:F3} ms in kernels. {t.Note}"));
        console.Write(GroupTable("by op type (time share vs FLOP share)", "op", t.ByOp.Take(top)));
        var layers = new Table().Border(TableBorder.Rounded).Title($"top {top} layers by time");
        var kernelOps = t.Kernels.SelectMany(k => k.Covers.Select(c => (c, k.Op))).GroupBy(x => x.c).ToDictionary(g => g.Key, g => g.First().Op);
        foreach (var (column, right) in new[] { ("layer", false), ("op", false), ("kernel", false), ("FLOPs", true), ("time ms", true), ("% time", true), ("% FLOPs", true), ("GFLOP/s", true) })
        {
            layers.AddColumn(right ? new TableColumn(column).RightAligned() : new TableColumn(column));
        }

        var totalFlops = Math.Max(1, t.Layers.Sum(x => x.TotalFlops));
        foreach (var layer in t.Layers.OrderByDescending(x => x.TimeMs).Take(top))
        {
            layers.AddRow(new[]
            {
                Markup.Escape(layer.Name), Markup.Escape(layer.Op), Markup.Escape(layer.Kernel is null ? "(removed)" : kernelOps.GetValueOrDefault(layer.Index, "?") + (layer.Fused ? " (fused)" : string.Empty)),
                Human(layer.TotalFlops), F(layer.TimeMs), P(t.KernelMs > 0 ? layer.TimeMs / t.KernelMs : 0), P((double)layer.TotalFlops / totalFlops),
                layer.TimeMs > 0 ? (layer.TotalFlops / (layer.TimeMs * 1e6)).ToString("F1", Invariant) : "-",
            });
        }

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

    private static Table GroupTable(string title, string keyColumn, IEnumerable<GroupTime> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(title);
        table.AddColumn(keyColumn);
        foreach (var column in new[] { "nodes", "FLOPs", "time ms", "% time", "% FLOPs", "GFLOP/s" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var g in rows)
        {
            table.AddRow(new[]
            {
                Markup.Escape(g.Key), g.Nodes.ToString(Invariant), Human(g.TotalFlops), F(g.TimeMs), P(g.TimeShare), P(g.FlopsShare),
                g.TimeMs > 0 ? g.Gflops.ToString("F1", Invariant) : "-",
            });
        }

        return table;
    }

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

        var table = new Table().Border(TableBorder.Rounded).Title("estimated vs measured by op type (ms per run)")
            .AddColumn("op").AddColumn(new TableColumn("estimated").RightAligned()).AddColumn(new TableColumn("measured").RightAligned())
            .AddColumn(new TableColumn("est / meas").RightAligned());
        foreach (var o in e.ByOp.Take(top))
        {
            table.AddRow(Markup.Escape(o.Op), F(o.EstimatedMs), o.MeasuredMs is { } m ? F(m) : "-",
                o.MeasuredMs is > 0 ? (o.EstimatedMs / o.MeasuredMs.Value).ToString("0.00", Invariant) : "-");
        }

        console.Write(table);
    }
}
