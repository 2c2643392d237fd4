using System.Globalization;
using System.Text.Json;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope estimate MODEL --device rpi5,orin-nano,t4</c>: estimated latency, FPS, energy and memory
/// fit per device (roofline with efficiency and overhead terms; estimates, not measurements).</summary>
public sealed class EstimateCommand(Consoles consoles) : Command<EstimateSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EstimateSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Format is not ("console" or "json"))
        {
            throw new FlopScopeException($"Unknown format '{settings.Format}'; use console or json.");
        }

        var devices = ResolveDevices(settings);
        var optimizer = ParseOptimizer(settings.Optimizer);
        if (settings.TargetFps is { } fps && !(fps > 0 && double.IsFinite(fps)) || settings.MaxLatencyMs is { } ms && !(ms > 0 && double.IsFinite(ms)))
        {
            throw new FlopScopeException("--target-fps and --max-latency-ms must be positive finite numbers.");
        }

        var report = OnnxModel.Load(settings.Model).Profile(settings.ToProfileOptions());
        var training = settings.Training ? TrainingEstimator.Estimate(report, optimizer) : null;
        var extra = training is null ? 0 : training.TotalBytes - report.Memory.TotalBytes;
        var estimates = devices.Select(d => RooflineEstimator.Estimate(report, d, extra)).ToList();

        if (settings.Format == "json")
        {
            WriteJson(report, estimates, training, settings);
        }
        else
        {
            Render(report, estimates, training, settings);
        }

        return ExitCodes.Success;
    }

    private static List<DeviceProfile> ResolveDevices(EstimateSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Device))
        {
            throw new FlopScopeException("Name at least one device with --device (e.g. --device rpi5,t4); 'flopscope devices' lists them.");
        }

        var catalog = settings.Catalog();
        return settings.Device.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
            ? catalog.Devices.ToList()
            : settings.Device.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(catalog.Get).ToList();
    }

    private static Optimizer ParseOptimizer(string text) => text.ToLowerInvariant() switch
    {
        "sgd" => Optimizer.Sgd,
        "adam" => Optimizer.Adam,
        "adamw" => Optimizer.AdamW,
        _ => throw new FlopScopeException($"Unknown optimizer '{text}'; use sgd, adam or adamw."),
    };

    private static bool? Meets(DeviceEstimate e, EstimateSettings s) =>
        s.TargetFps is null && s.MaxLatencyMs is null ? null
        : (s.TargetFps is not { } fps || e.ItemsPerSecond >= fps) && (s.MaxLatencyMs is not { } ms || e.LatencyMs <= ms);

    /// <summary>How many times faster the device would need to be to meet the target.</summary>
    private static double Shortfall(DeviceEstimate e, EstimateSettings s) => Math.Max(
        s.TargetFps is { } fps ? fps / e.ItemsPerSecond : 0,
        s.MaxLatencyMs is { } ms ? e.LatencyMs / ms : 0);

    private void Render(ProfileReport report, List<DeviceEstimate> estimates, TrainingCost? training, EstimateSettings settings)
    {
        var s = report.Summary;
        consoles.Out.MarkupLine(Markup.Escape($"{s.Model} at {report.InputShapeText}: {Units.Grouped(s.Parameters.Total)} parameters, {ConventionText.Headline(s)}, "
            + $"{Units.Si(s.TotalFlops)}FLOP in all ops; weights {Units.Bytes(report.Memory.WeightBytes)} + peak activations {Units.Bytes(report.Memory.PeakActivationBytes)} ({report.Memory.Precision})"));
        if (training is not null)
        {
            consoles.Out.MarkupLine(Markup.Escape($"training step ({training.Optimizer.ToString().ToLowerInvariant()}): {Units.Si(training.TotalFlops)}FLOP "
                + $"(forward {Units.Si(training.ForwardFlops)}, backward {Units.Si(training.BackwardFlops)}); needs {Units.Bytes(training.TotalBytes)}: "
                + $"weights {Units.Bytes(training.WeightBytes)}, master {Units.Bytes(training.MasterWeightBytes)}, gradients {Units.Bytes(training.GradientBytes)}, "
                + $"optimizer {Units.Bytes(training.OptimizerStateBytes)}, activations {Units.Bytes(training.ActivationBytes)} (estimates)"));
        }

        var ordered = settings.TargetFps is null && settings.MaxLatencyMs is null
            ? estimates
            : estimates.OrderByDescending(e => Meets(e, settings) == true).ThenBy(e => e.LatencySeconds).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("Estimated inference (roofline + per-kernel overhead; estimates, not measurements)")
            .AddColumn("Device").AddColumn(new TableColumn("Latency ms").RightAligned()).AddColumn(new TableColumn("FPS").RightAligned())
            .AddColumn(new TableColumn("Energy mJ").RightAligned()).AddColumn(new TableColumn("Needs").RightAligned()).AddColumn("Fits")
            .AddColumn("Bound (nodes: compute/memory/overhead)");
        var hasTarget = settings.TargetFps is not null || settings.MaxLatencyMs is not null;
        if (hasTarget)
        {
            table.AddColumn("Target");
        }

        foreach (var e in ordered)
        {
            var counts = e.BoundCounts;
            var row = new List<string>
            {
                Markup.Escape(e.Device.Id),
                F(e.LatencyMs, "0.###"),
                F(e.ItemsPerSecond, "0.#"),
                e.EnergyJoules is { } j ? F(j * 1e3, "0.###") : "-",
                Units.Bytes(e.RequiredBytes),
                e.FitsInMemory switch { true => "[green]yes[/]", false => "[red]no[/]", _ => "?" },
                $"{e.DominantBound.ToString().ToLowerInvariant()} ({counts.GetValueOrDefault(Bound.Compute)}/{counts.GetValueOrDefault(Bound.Memory)}/{counts.GetValueOrDefault(Bound.Overhead)})",
            };
            if (hasTarget)
            {
                row.Add(Meets(e, settings) == true ? "[green]meets[/]" : $"[red]misses: needs {F(Shortfall(e, settings), "0.##")}x faster[/]");
            }

            table.AddRow(row.ToArray());
        }

        consoles.Out.Write(table);
        if (estimates.Any(e => e.MissingNodes > 0))
        {
            consoles.Error.MarkupLineInterpolated($"[yellow]warning:[/] {estimates[0].MissingNodes} node(s) are unsupported or unresolved: their time is missing from the estimates");
        }

        if (estimates.Count == 1)
        {
            RenderLayers(report, estimates[0], settings.Top);
        }
    }

    private void RenderLayers(ProfileReport report, DeviceEstimate estimate, int top)
    {
        var total = estimate.LatencySeconds;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"Slowest {top} layers on {estimate.Device.Id} (estimated)"))
            .AddColumn("#").AddColumn("Name").AddColumn("Op").AddColumn(new TableColumn("Total FLOPs").RightAligned())
            .AddColumn(new TableColumn("Bytes").RightAligned()).AddColumn(new TableColumn("FLOP/B").RightAligned()).AddColumn("Bound")
            .AddColumn(new TableColumn("Est. us").RightAligned()).AddColumn(new TableColumn("% time").RightAligned());
        foreach (var le in estimate.Layers.OrderByDescending(l => l.Seconds).Take(top))
        {
            var layer = report.Layers[le.Index];
            table.AddRow(layer.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(layer.Name), Markup.Escape(layer.Op), Units.Si(layer.TotalFlops),
                Units.Bytes(layer.Traffic.TotalBytes), F(layer.Intensity, "0.##"), le.Bound.ToString().ToLowerInvariant(),
                F(le.Seconds * 1e6, "0.#"), Units.Percent(le.Seconds, total));
        }

        consoles.Out.Write(table);
    }

    private void WriteJson(ProfileReport report, List<DeviceEstimate> estimates, TrainingCost? training, EstimateSettings settings)
    {
        var text = JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("schema", "flopscope.estimate/1");
            json.WriteString("model", report.Summary.Model);
            json.WriteString("input", report.InputShapeText);
            json.WriteString("precision", estimates.Count > 0 ? estimates[0].Precision.ToString().ToLowerInvariant() : report.Memory.Precision);
            json.WriteString("note", "estimates from a roofline model with efficiency factors and per-kernel overhead (docs/estimator.md), not measurements");
            if (training is not null)
            {
                json.WriteStartObject("training");
                json.WriteString("optimizer", training.Optimizer.ToString().ToLowerInvariant());
                json.WriteNumber("forward_flops", training.ForwardFlops);
                json.WriteNumber("backward_flops", training.BackwardFlops);
                json.WriteNumber("weight_bytes", training.WeightBytes);
                json.WriteNumber("master_weight_bytes", training.MasterWeightBytes);
                json.WriteNumber("gradient_bytes", training.GradientBytes);
                json.WriteNumber("optimizer_state_bytes", training.OptimizerStateBytes);
                json.WriteNumber("activation_bytes", training.ActivationBytes);
                json.WriteNumber("total_bytes", training.TotalBytes);
                json.WriteEndObject();
            }

            json.WriteStartArray("devices");
            foreach (var e in estimates)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Device.Id);
                json.WriteNumber("latency_ms", Math.Round(e.LatencyMs, 6));
                json.WriteNumber("items_per_second", Math.Round(e.ItemsPerSecond, 3));
                if (e.EnergyJoules is { } j)
                {
                    json.WriteNumber("energy_mj", Math.Round(j * 1e3, 6));
                }

                json.WriteNumber("required_bytes", e.RequiredBytes);
                if (e.FitsInMemory is { } fits)
                {
                    json.WriteBoolean("fits_in_memory", fits);
                }

                json.WriteString("bound", e.DominantBound.ToString().ToLowerInvariant());
                if (Meets(e, settings) is { } meets)
                {
                    json.WriteBoolean("meets_target", meets);
                    json.WriteNumber("speedup_needed", Math.Round(Math.Max(1, Shortfall(e, settings)), 4));
                }

                json.WriteNumber("missing_nodes", e.MissingNodes);
                json.WriteStartArray("layers");
                foreach (var l in e.Layers)
                {
                    var layer = report.Layers[l.Index];
                    json.WriteStartObject();
                    json.WriteNumber("index", l.Index);
                    json.WriteString("name", layer.Name);
                    json.WriteNumber("total_flops", layer.TotalFlops);
                    json.WriteNumber("bytes_read", layer.Traffic.BytesRead);
                    json.WriteNumber("bytes_written", layer.Traffic.BytesWritten);
                    json.WriteString("bound", l.Bound.ToString().ToLowerInvariant());
                    json.WriteNumber("time_us", Math.Round(l.Seconds * 1e6, 4));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });

        consoles.Out.Profile.Out.Writer.WriteLine(text);
    }

    private static string F(double v, string format) => double.IsInfinity(v) ? "inf" : v.ToString(format, CultureInfo.InvariantCulture);
}
