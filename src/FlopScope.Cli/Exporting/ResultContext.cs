using FlopScope.Hardware;
using FlopScope.Profiling;
using FlopScope.Reporting;
using FlopScope.Runtime;
using FlopScope.Sweeps;
using FlopScope.Training;

namespace FlopScope.Cli.Exporting;

/// <summary>
/// Everything one command computed, handed whole to the exporter its <c>--format</c> names. Commands compute and
/// fill it; exporters only format it. Parts a command does not produce stay empty.
/// </summary>
public sealed record ResultContext
{
    /// <summary>What this context carries.</summary>
    public required ResultKind Kind { get; init; }

    /// <summary>The static profile.</summary>
    public ProfileReport? Report { get; init; }

    /// <summary>Roofline estimates, one per device, in the order the user named the devices.</summary>
    public IReadOnlyList<DeviceEstimate> Estimates { get; init; } = [];

    /// <summary>The target the estimates were judged against (estimate).</summary>
    public PerformanceTarget Target { get; init; } = new(null, null);

    /// <summary>A training step's cost (estimate --training).</summary>
    public TrainingCost? Training { get; init; }

    /// <summary>An ONNX Runtime measurement (bench).</summary>
    public BenchReport? Measurements { get; init; }

    /// <summary>An earlier profile to show deltas against.</summary>
    public ProfileBaseline? Baseline { get; init; }

    /// <summary>A sweep over one dimension.</summary>
    public SweepResult? Sweep { get; init; }

    /// <summary>Measured median latency per sweep size (profile --sweep --bench).</summary>
    public IReadOnlyDictionary<long, double>? SweepMeasuredMs { get; init; }

    /// <summary>A language model's phases per device (llm).</summary>
    public FlopScope.Llm.LlmReport? Llm { get; init; }

    /// <summary>The device catalogue (devices).</summary>
    public IReadOnlyList<DeviceProfile> Devices { get; init; } = [];

    /// <summary>Free-text lines above the tables (console, Markdown).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>The tables of the human document, formatted once for every text format.</summary>
    public IReadOnlyList<ResultTable> Tables { get; init; } = [];

    /// <summary>Free-text notes below the tables (console, Markdown).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>JSON schema id of a <see cref="ResultKind.Tables"/> document, e.g. <c>flopscope.compare/1</c>.</summary>
    public string? Schema { get; init; }

    /// <summary>How to show it.</summary>
    public ViewOptions View { get; init; } = new();

    /// <summary>The view the profile writers of FlopScope.Core and FlopScope.Reports take.</summary>
    public ReportView ToReportView() => new() { Top = View.Top, ModelPath = View.ModelPath, Baseline = Baseline };
}
