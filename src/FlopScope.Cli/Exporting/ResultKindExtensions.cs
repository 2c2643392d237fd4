namespace FlopScope.Cli.Exporting;

/// <summary>What a result needs from the model load, decided by what its output shows.</summary>
public static class ResultKindExtensions
{
    /// <summary>Whether an output of <paramref name="kind"/> reports unique parameters and tied tensors, and so needs
    /// the loader's tied-tensor search (which reads weight bytes): only a single-model profile does, in every format
    /// (the console, JSON <c>unique_parameters</c>/<c>tied_parameters</c>, Markdown, HTML, and the summary line on
    /// stderr for the others). Estimates, sweeps, benchmarks, tables (compare, several models) and LLM phases report
    /// stored parameters only, so their commands load with <c>OnnxModel.Load(path, findTiedTensors: false)</c>.</summary>
    public static bool ReportsTiedTensors(this ResultKind kind) => kind == ResultKind.Profile;
}
