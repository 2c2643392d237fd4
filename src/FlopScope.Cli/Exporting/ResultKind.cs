namespace FlopScope.Cli.Exporting;

/// <summary>What a <see cref="ResultContext"/> carries, so a format can say up front (before any work) whether it
/// can write it. <see cref="Tables"/> needs nothing beyond <see cref="ResultContext.Tables"/>: every text format
/// writes it, so a new command whose output is tables needs no exporter change.</summary>
public enum ResultKind
{
    /// <summary>Lines and <see cref="FlopScope.Reporting.ResultTable"/>s only (compare, and any new table command).</summary>
    Tables,

    /// <summary>A static profile (<see cref="ResultContext.Report"/>), optionally with one device estimate and a baseline.</summary>
    Profile,

    /// <summary>A sweep over one dimension (<see cref="ResultContext.Sweep"/>).</summary>
    Sweep,

    /// <summary>Estimates on several devices (<see cref="ResultContext.Estimates"/>) plus their tables.</summary>
    Estimate,

    /// <summary>An ONNX Runtime measurement (<see cref="ResultContext.Measurements"/>).</summary>
    Bench,

    /// <summary>The device catalogue (<see cref="ResultContext.Devices"/>) plus its table.</summary>
    Devices,

    /// <summary>A language model's prefill/decode estimates (<see cref="ResultContext.Llm"/>) plus their tables.</summary>
    Llm,
}
