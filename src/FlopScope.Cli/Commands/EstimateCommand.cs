using FlopScope.Cli.Exporting;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Training;
using FlopScope.Validation;
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
        var exporter = Exporters.Resolve(settings.Format, settings.Output, ResultKind.Estimate, "estimate");
        var devices = ResolveDevices(settings);
        var optimizer = ParseOptimizer(settings.Optimizer);
        if (settings.TargetFps is { } fps && !(fps > 0 && double.IsFinite(fps)) || settings.MaxLatencyMs is { } ms && !(ms > 0 && double.IsFinite(ms)))
        {
            throw new FlopScopeException("--target-fps and --max-latency-ms must be positive finite numbers.");
        }

        var target = new PerformanceTarget(settings.TargetFps, settings.MaxLatencyMs);
        var report = OnnxModel.Load(settings.Model, ResultKind.Estimate.ReportsTiedTensors()).Profile(settings.ToProfileOptions());
        var training = settings.Training ? TrainingEstimator.Estimate(report, optimizer) : null;
        var extra = training is null ? 0 : training.TotalBytes - report.Memory.TotalBytes;
        var estimates = devices.Select(d => RooflineEstimator.Estimate(report, d, settings.Runtime, extra)).ToList();
        if (training is not null)
        {
            estimates = estimates.Select(e => e with { TrainingStep = TrainingStepEstimator.Estimate(report, e, training) }).ToList();
        }

        var tables = new List<ResultTable>
        {
            training is null
                ? ResultTable.Of("Estimated inference (kernels of each device's runtime: roofline + per-kernel overhead; estimates, not measurements)", "devices",
                    EstimateTables.Devices(target), target.Rank(estimates))
                : ResultTable.Of($"Estimated training step time (forward + backward + {training.Optimizer.ToString().ToLowerInvariant()} update, one step at the input shape; estimates, not measurements)", "devices",
                    EstimateTables.TrainingSteps(), estimates),
        };
        if (estimates.Count == 1)
        {
            var e = estimates[0];
            tables.Add(ResultTable.Of($"Slowest {settings.Top} layers on {e.Device.Id} (estimated)", "layers",
                EstimateTables.Layers(report, e), e.Layers.OrderByDescending(l => l.Seconds).Take(settings.Top)));
            tables.Add(ResultTable.Of($"Slowest {settings.Top} kernels on {e.Device.Id} under {e.Runtime} (estimated inference)", "kernels",
                EstimateTables.Kernels(e), e.Kernels.OrderByDescending(k => k.Seconds).Take(settings.Top)));
        }

        exporter.Export(new ResultContext
        {
            Kind = ResultKind.Estimate,
            Report = report,
            Estimates = estimates,
            Target = target,
            Training = training,
            Lines = Header(report, training),
            Tables = tables,
            // How close the default catalogue came to published measurements for each device's class and runtime.
            Notes = estimates.Select(e => PublishedAccuracy.NoteFor(e.Device, e.Runtime)).Distinct().ToList(),
            View = new ViewOptions { Top = settings.Top, ModelPath = settings.Model },
        }, new ExportTarget(consoles, settings.Output));

        if (estimates.Any(e => e.MissingNodes > 0))
        {
            consoles.Error.MarkupLineInterpolated($"[yellow]warning:[/] {estimates[0].MissingNodes} node(s) are unsupported or unresolved: their time is missing from the estimates");
        }

        return ExitCodes.Success;
    }

    private static List<string> Header(ProfileReport report, TrainingCost? training)
    {
        var s = report.Summary;
        var lines = new List<string>
        {
            $"{s.Model} at {report.InputShapeText}: {Units.Grouped(s.Parameters.Total)} parameters, {ConventionText.Headline(s)}, "
            + $"{Units.Si(s.TotalFlops)}FLOP in all ops; weights {Units.Bytes(report.Memory.WeightBytes)} + peak activations {Units.Bytes(report.Memory.PeakActivationBytes)} ({report.Memory.Precision})",
        };
        if (training is not null)
        {
            lines.Add($"training step ({training.Optimizer.ToString().ToLowerInvariant()}): {Units.Si(training.TotalFlops)}FLOP "
                + $"(forward {Units.Si(training.ForwardFlops)}, backward {Units.Si(training.BackwardFlops)}); needs {Units.Bytes(training.TotalBytes)}: "
                + $"weights {Units.Bytes(training.WeightBytes)}, master {Units.Bytes(training.MasterWeightBytes)}, gradients {Units.Bytes(training.GradientBytes)}, "
                + $"optimizer {Units.Bytes(training.OptimizerStateBytes)}, activations {Units.Bytes(training.ActivationBytes)} (estimates)");
        }

        return lines;
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
}
