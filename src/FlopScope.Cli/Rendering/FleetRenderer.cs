using System.Globalization;
using FlopScope.Runtime.Remote;
using Spectre.Console;

namespace FlopScope.Cli.Rendering;

/// <summary>Formats the fleet comparison (figures computed by <see cref="FleetTable"/>).</summary>
internal sealed class FleetRenderer(IAnsiConsole console)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Render(FleetReport fleet)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{Markup.Escape(fleet.Model ?? "model")}: measured on each host (ms; ONNX Runtime)");
        table.AddColumn("host").AddColumn("cpu").AddColumn("provider");
        foreach (var column in new[] { "runs", "median ms", "p90 ms", "min ms", "std dev ms", "inferences/s", "GFLOP/s", "device", "est. ms", "est / meas" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var r in fleet.Rows)
        {
            if (r.Latency is not { } l)
            {
                table.AddRow(Markup.Escape(r.Host), "[red]failed[/]", "-", "-", "-", "-", "-", "-", "-", "-", Markup.Escape(r.Device ?? "-"), "-", "-");
                continue;
            }

            table.AddRow(Markup.Escape(r.Host), Markup.Escape(r.Cpu ?? "?") + $" ({Markup.Escape(r.Architecture ?? "?")})", Markup.Escape(r.Provider ?? "?"),
                l.Runs.ToString(Invariant), F(l.MedianMs), F(l.P90Ms), F(l.MinMs), F(l.StdDevMs),
                (r.InferencesPerSecond ?? 0).ToString("F1", Invariant), (r.AchievedGflops ?? 0).ToString("F1", Invariant),
                Markup.Escape(r.Device ?? "-"), r.EstimatedMs is { } e ? F(e) : "-", r.EstimateRatio is { } q ? q.ToString("0.00", Invariant) : "-");
        }

        console.Write(table);
        if (fleet.TotalFlops is { } flops)
        {
            console.WriteLine(string.Create(Invariant,
                $"GFLOP/s = {flops / 1e9:F3} GFLOPs per inference (static profile, FLOPs = 2 x MACs) / median latency; est. ms is a roofline estimate on the device (docs/estimator.md), not a measurement."));
        }
    }

    private static string F(double ms) => ms.ToString(ms < 1 ? "F3" : "F2", Invariant);
}
