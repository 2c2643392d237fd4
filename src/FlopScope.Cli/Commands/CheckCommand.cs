using FlopScope.Budgets;
using FlopScope.Cli.Infrastructure;
using FlopScope.Errors;
using FlopScope.Hardware;
using FlopScope.Onnx;
using FlopScope.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlopScope.Cli.Commands;

/// <summary><c>flopscope check MODEL --max-gflops 10 --max-params 5M ...</c>: exit 0 when every budget holds, 1 with the
/// list of what broke (for CI pipelines), 2 on bad input.</summary>
public sealed class CheckCommand(Consoles consoles) : Command<CheckSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        var budget = new Budget
        {
            MaxGFlops = settings.MaxGFlops is { } g ? Quantity.ParsePositive(g, "--max-gflops") : null,
            MaxParameters = settings.MaxParams is { } p ? Quantity.ParseCount(p, "--max-params") : null,
            MaxMemoryBytes = settings.MaxMemory is { } m ? Quantity.ParseBytes(m, "--max-memory") : null,
            MaxLatencyMs = settings.MaxLatencyMs is { } l ? Quantity.ParsePositive(l, "--max-latency-ms") : null,
            MinFps = settings.MinFps is { } f ? Quantity.ParsePositive(f, "--min-fps") : null,
        };
        if (budget.IsEmpty)
        {
            throw new FlopScopeException("No budget given: use --max-gflops, --max-params, --max-memory, --max-latency-ms or --min-fps.");
        }

        if (budget.NeedsDevice && settings.Device is null)
        {
            throw new FlopScopeException("--max-latency-ms and --min-fps need --device.");
        }

        var device = settings.Device is { } id ? settings.Catalog().Get(id) : null;
        // Budgets check stored parameters (and costs, memory, time): no tied-tensor search, no weight byte read.
        var report = OnnxModel.Load(settings.Model, findTiedTensors: false).Profile(settings.ToProfileOptions());
        var training = settings.Training ? TrainingEstimator.Estimate(report, Optimizer.AdamW) : null;
        var estimate = device is null ? null : RooflineEstimator.Estimate(report, device, settings.Runtime, extraResidentBytes: training is null ? 0 : training.TotalBytes - report.Memory.TotalBytes);
        var results = BudgetChecker.Check(report, budget, estimate, training?.TotalBytes);

        foreach (var r in results)
        {
            var verdict = r.Passed ? "[green]ok[/]    " : "[red]BROKEN[/]";
            var over = r.Passed ? string.Empty : $" ({(r.Margin - 1) * 100:0.#}% over)";
            consoles.Out.MarkupLine($"{verdict} {Markup.Escape($"{r.Name}: {r.Actual} (limit {r.Limit}){over}")}");
        }

        if (!report.Summary.IsComplete)
        {
            consoles.Error.MarkupLine("[yellow]warning:[/] some ops are unsupported or unresolved; their cost is missing from the figures checked");
        }

        var broken = results.Count(r => !r.Passed);
        consoles.Out.MarkupLine(broken == 0 ? $"[green]all {results.Count} budget(s) hold[/]" : $"[red]{broken} of {results.Count} budget(s) broken[/]");
        return broken == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
